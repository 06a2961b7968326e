/**
 * How deeply Markdown nests, measured in one pass without parsing it. marked parses block quotes,
 * list items and emphasis by recursion, one level of the call stack each: a moderator's `> > > …`
 * of a few thousand characters overflows Node's stack. The measure errs on the deep side: a block
 * quote, a list item, an emphasis or a link's brackets each count one level, and what looks like
 * one counts as one even where CommonMark would read it otherwise.
 */
export function markdownNesting(source: string): number {
  const blocks = new BlockNesting();
  let deepest = 0;
  // A paragraph's emphasis may span its lines: it is measured whole, on top of its deepest line.
  let paragraph: string[] = [];
  let paragraphDepth = 0;
  const endParagraph = (): void => {
    if (paragraph.length > 0) deepest = Math.max(deepest, paragraphDepth + inlineNesting(paragraph.join("\n")));
    paragraph = [];
    paragraphDepth = 0;
  };
  for (const line of source.split(/\r\n|\r|\n/u)) {
    const block = blocks.read(line);
    if (block.startsParagraph) endParagraph();
    deepest = Math.max(deepest, block.depth);
    if (block.text === undefined) continue;
    paragraph.push(block.text);
    paragraphDepth = Math.max(paragraphDepth, block.depth);
  }
  endParagraph();
  return deepest;
}

const LIST_MARKER = /(?:[-*+]|\d{1,9}[.)])(?=[ \t]|$)/uy;
const FENCE = /^(`{3,}|~{3,})/u;
const HEADING = /^#{1,6}(?:[ \t]|$)/u;
/** Spaces past a container's content column that make a line indented code, not a new block. */
const CODE_INDENT = 4;

interface OpenItem {
  readonly contentColumn: number;
  /** The block quotes around the line the item started on. */
  readonly quotes: number;
}

interface BlockLine {
  readonly depth: number;
  /** The line's inline text (undefined for a blank line or one inside a code block). */
  readonly text: string | undefined;
  /** Whether emphasis cannot continue from the lines before (a new block began). */
  readonly startsParagraph: boolean;
}

/** Block quotes and list items, line by line: items stay open while lines are indented under them. */
class BlockNesting {
  private readonly items: OpenItem[] = [];
  private fence: string | undefined;
  private quotesBefore = 0;

  read(line: string): BlockLine {
    const cursor = new LineCursor(line);
    const firstColumn = cursor.skipSpaces();
    let quotes = 0;
    let base = 0;
    while (cursor.peek() === ">") {
      quotes += 1;
      cursor.advance(1);
      cursor.skipOneSpace();
      base = cursor.column;
      cursor.skipSpaces();
    }
    const rest = cursor.rest();
    if (this.fence !== undefined) {
      if (rest.startsWith(this.fence)) this.fence = undefined;
      return { depth: 0, text: undefined, startsParagraph: true };
    }
    if (rest.trim() === "") {
      this.quotesBefore = quotes;
      return { depth: quotes, text: undefined, startsParagraph: true };
    }
    this.closeItems(firstColumn, quotes, cursor.column);
    base = Math.max(base, this.items.at(-1)?.contentColumn ?? 0);
    let depth = this.items.length + quotes;
    // Fewer quotes and no marker may be a lazy continuation of the paragraph: it goes on.
    let startsParagraph = quotes > this.quotesBefore;
    this.quotesBefore = quotes;
    const thematicBreak = thematicBreaks(line);
    for (;;) {
      if (cursor.column - base >= CODE_INDENT || thematicBreak[cursor.index]) break;
      if (cursor.peek() === ">") {
        cursor.advance(1);
        cursor.skipOneSpace();
      } else {
        LIST_MARKER.lastIndex = cursor.index;
        const marker = LIST_MARKER.exec(line)?.[0];
        if (marker === undefined) break;
        cursor.advance(marker.length);
        const markerEnd = cursor.column;
        const contentColumn = cursor.skipSpaces();
        // CommonMark: past four spaces, the content starts one space after the marker.
        this.items.push({ contentColumn: contentColumn - markerEnd > CODE_INDENT || cursor.atEnd() ? markerEnd + 1 : contentColumn, quotes });
      }
      depth += 1;
      base = cursor.column;
      cursor.skipSpaces();
      startsParagraph = true;
    }
    const text = cursor.rest();
    const fence = FENCE.exec(text)?.[1];
    if (fence !== undefined) {
      this.fence = fence;
      return { depth, text: undefined, startsParagraph: true };
    }
    return { depth, text, startsParagraph: startsParagraph || HEADING.test(text) };
  }

  /** An item ends at a line indented less than its content (or outside its block quote). */
  private closeItems(firstColumn: number, quotes: number, columnInQuotes: number): void {
    for (let top = this.items.at(-1); top !== undefined; top = this.items.at(-1)) {
      const column = top.quotes === 0 ? firstColumn : quotes >= top.quotes ? columnInQuotes : -1;
      if (top.contentColumn <= column) return;
      this.items.pop();
    }
  }
}

/**
 * For each index of the line, whether a thematic break (`* * *`, `---`) starts there and runs to
 * its end, found in one pass from the end: testing each place with a regular expression would
 * take time in proportion to the square of the line's length.
 */
function thematicBreaks(line: string): boolean[] {
  const breaks = new Array<boolean>(line.length).fill(false);
  const counts = new Map<string, number>();
  let only: string | undefined;
  let clean = true;
  for (let index = line.length - 1; index >= 0; index -= 1) {
    const character = line[index] ?? "";
    if (character === " " || character === "\t") continue;
    if ((character === "-" || character === "*" || character === "_") && clean && (only === undefined || only === character)) {
      only = character;
      counts.set(character, (counts.get(character) ?? 0) + 1);
      breaks[index] = (counts.get(character) ?? 0) >= 3;
    } else {
      clean = false;
    }
  }
  return breaks;
}

/** Reads a line from the left, counting columns as CommonMark does (a tab to the next multiple of 4). */
class LineCursor {
  column = 0;
  index = 0;

  constructor(private readonly line: string) {}

  peek(): string | undefined {
    return this.line[this.index];
  }

  rest(): string {
    return this.line.slice(this.index);
  }

  atEnd(): boolean {
    return this.index >= this.line.length;
  }

  advance(characters: number): void {
    this.index += characters;
    this.column += characters;
  }

  /** Returns the column reached. */
  skipSpaces(): number {
    for (let character = this.peek(); character === " " || character === "\t"; character = this.peek()) {
      this.column = character === "\t" ? this.column + 4 - (this.column % 4) : this.column + 1;
      this.index += 1;
    }
    return this.column;
  }

  skipOneSpace(): void {
    if (this.peek() === " ") this.advance(1);
  }
}

const PUNCTUATION = /[\p{P}\p{S}]/u;
const WHITESPACE = /\s/u;

/** An emphasis delimiter run or a bracket, in the order they come. */
type InlineMark = { readonly kind: "run"; readonly character: string; readonly length: number; readonly canOpen: boolean; readonly canClose: boolean } | { readonly kind: "bracket"; readonly opens: boolean };

/**
 * Emphasis (`*`, `_`, `~`) and link brackets in one paragraph. Openers are matched with closers
 * of the same character as in CommonMark (without its rule of three); an opener left unmatched
 * is text and does not count. The depth is the most pairs around one place.
 */
export function inlineNesting(text: string): number {
  const marks = inlineMarks(text);
  const opening = new Array<number>(marks.length).fill(0);
  const closing = new Array<number>(marks.length).fill(0);
  // One stack per delimiter character, so that finding an opener takes no search.
  const openers = new Map<string, { index: number; remaining: number }[]>();
  const brackets: number[] = [];
  marks.forEach((mark, index) => {
    if (mark.kind === "bracket" && mark.opens) {
      brackets.push(index);
      return;
    }
    if (mark.kind === "bracket") {
      const opener = brackets.pop();
      if (opener === undefined) return;
      opening[opener] = (opening[opener] ?? 0) + 1;
      closing[index] = (closing[index] ?? 0) + 1;
      return;
    }
    const same = openers.get(mark.character) ?? [];
    openers.set(mark.character, same);
    let remaining = mark.length;
    for (let opener = same.at(-1); mark.canClose && remaining > 0 && opener !== undefined; opener = same.at(-1)) {
      const used = Math.min(remaining, opener.remaining);
      opening[opener.index] = (opening[opener.index] ?? 0) + levels(used);
      closing[index] = (closing[index] ?? 0) + levels(used);
      opener.remaining -= used;
      remaining -= used;
      if (opener.remaining === 0) same.pop();
      // Openers of other characters between the two can no longer match anything.
      for (const other of openers.values()) {
        while ((other.at(-1)?.index ?? -1) > opener.index) other.pop();
      }
    }
    if (mark.canOpen && remaining > 0) same.push({ index, remaining });
  });
  let depth = 0;
  let deepest = 0;
  for (let index = 0; index < marks.length; index += 1) {
    depth += (opening[index] ?? 0) - (closing[index] ?? 0);
    deepest = Math.max(deepest, depth);
  }
  return deepest;
}

function inlineMarks(text: string): InlineMark[] {
  const marks: InlineMark[] = [];
  const unclosedCodeSpans = new Set<number>();
  for (let index = 0; index < text.length; ) {
    const character = text[index] ?? "";
    if (character === "\\") {
      index += 2;
    } else if (character === "`") {
      index = skipCodeSpan(text, index, unclosedCodeSpans);
    } else if (character === "[" || character === "]") {
      marks.push({ kind: "bracket", opens: character === "[" });
      index += 1;
    } else if (character === "*" || character === "_" || character === "~") {
      let end = index;
      while (text[end] === character) end += 1;
      marks.push(delimiterRun(character, end - index, text[index - 1], text[end]));
      index = end;
    } else {
      index += 1;
    }
  }
  return marks;
}

/** CommonMark's flanking rules: whether a run of delimiters may open or close an emphasis. */
function delimiterRun(character: string, length: number, before: string | undefined, after: string | undefined): InlineMark {
  const spaceBefore = before === undefined || WHITESPACE.test(before);
  const spaceAfter = after === undefined || WHITESPACE.test(after);
  const punctuationBefore = before !== undefined && PUNCTUATION.test(before);
  const punctuationAfter = after !== undefined && PUNCTUATION.test(after);
  const leftFlanking = !spaceAfter && (!punctuationAfter || spaceBefore || punctuationBefore);
  const rightFlanking = !spaceBefore && (!punctuationBefore || spaceAfter || punctuationAfter);
  return {
    kind: "run",
    character,
    length,
    canOpen: character === "_" ? leftFlanking && (!rightFlanking || punctuationBefore) : leftFlanking,
    canClose: character === "_" ? rightFlanking && (!leftFlanking || punctuationAfter) : rightFlanking,
  };
}

/** `*` is an emphasis, `**` a strong one, `***` both: each two delimiters nest once more. */
function levels(delimiters: number): number {
  return Math.ceil(delimiters / 2);
}

/**
 * After the code span opening at `start` (a run of backticks), or just after the run when none of
 * its length closes it: `unclosed` remembers those lengths, so each is looked for once.
 */
function skipCodeSpan(text: string, start: number, unclosed: Set<number>): number {
  let end = start;
  while (text[end] === "`") end += 1;
  const length = end - start;
  if (unclosed.has(length)) return end;
  for (let next = text.indexOf("`", end); next !== -1; next = text.indexOf("`", next)) {
    let runEnd = next;
    while (text[runEnd] === "`") runEnd += 1;
    if (runEnd - next === length) return runEnd;
    next = runEnd;
  }
  unclosed.add(length);
  return end;
}
