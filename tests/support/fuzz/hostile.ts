// Hostile text, piece by piece: what members, phones, copy-paste and the odd malicious user put in
// a message. Each generator takes the run's Random so a seed replays the same text.
import type { Random } from "./random.ts";

/** The homeserver refuses an event over 65,536 bytes: the longest texts stay a little under it. */
export const LONGEST_TEXT = 60_000;

export const LONE_SURROGATES = ["\uD83D", "\uDC08", "\uDE00\uD83D", "a\uD800b", "\uDBFF"];
export const EMOJI = ["🐈", "👩‍👩‍👧‍👦", "🏳️‍🌈", "👍🏽", "🇫🇷", "🇫🇷🇧🇪", "1️⃣", "❤️", "🧑🏿‍🤝‍🧑🏻", "👨‍🌾", "🫶🏼", "🇦", "\u200D🐈"];
export const ZERO_WIDTH = ["\u200B", "\u200C", "\u200D", "\u2060", "\uFEFF"];
export const BIDI = ["\u202E", "\u202B", "\u202A", "\u2067", "\u2066", "\u200F", "\u200E", "\u061C"];
export const CONTROLS = ["\u0000", "\u0001", "\u0007", "\u0008", "\u000B", "\u000C", "\u001B", "\u001F", "\u007F", "\u0085", "\u2028", "\u2029", "\r"];
export const HTML = [
  "<script>alert(1)</script>",
  "<img src=x onerror=alert(1)>",
  '<a href="javascript:alert(1)">clic</a>',
  '<a href=" JaVaScRiPt:alert(1)">clic</a>',
  '<a href="jav&#x09;ascript:alert(1)">clic</a>',
  '<iframe src="https://evil.example/"></iframe>',
  "<style>body{display:none}</style>",
  "<svg onload=alert(1)>",
  "<details open ontoggle=alert(1)><summary>x</summary></details>",
  '<span data-mx-spoiler onclick="alert(1)">spoiler</span>',
  '<font color="red" onmouseover="alert(1)">rouge</font>',
  '<img src="https://evil.example/track.png">',
  '<img src="mxc://minou.test/abc">',
  '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">data</a>',
  "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
  '"><script>alert(1)</script>',
  "'';!--\"<XSS>=&{()}",
  "<!-- commentaire --><![CDATA[ x ]]>",
  "<mx-reply><blockquote>faux</blockquote></mx-reply>",
  "</code></pre><script>alert(1)</script>",
  '<form action="https://evil.example"><input name=x></form>',
  '<object data="x"></object><embed src="x">',
  '<a href="vbscript:msgbox(1)">vb</a>',
  '<base href="https://evil.example/">',
  '<meta http-equiv="refresh" content="0;url=https://evil.example">',
];
export const MARKDOWN_LINKS = [
  "[clic](javascript:alert(1))",
  "[clic](JAVASCRIPT:alert(1))",
  "![image](https://evil.example/x.png)",
  "![image](javascript:alert(1))",
  "<javascript:alert(1)>",
  "<https://exemple.fr>",
  "www.exemple.fr",
  "[ref]: javascript:alert(1)\n[ref]",
  "[pill](https://matrix.to/#/@minou:minou.test)",
  "[@room](https://matrix.to/#/@room)",
  "[x](data:text/html,<script>alert(1)</script>)",
  "[x](<javascript:alert(1)>)",
  "[x](vbscript:msgbox)",
  "[x](file:///etc/passwd)",
];
export const NUMBERS = [
  "0", "-1", "-0", "1.5", "1,5", "3.", ".5", "1e3", "1e309", "-1e309", "99999999999999999999", "9007199254740993", "2147483648", "-2147483649",
  "NaN", "Infinity", "-Infinity", "0x10", "0b11", "0o7", "+3", "٣", "١٢", "１２", "³", "Ⅻ", "1_000", "1 000", "00000000000000000001", "-99999999999999999999",
  "1/2", "½", "∞", "3🐈", "#3", "n°3", "3\u0301", "\u200B3",
];
export const DATES = [
  "31/02", "30 février", "29/02/2023", "00/00/0000", "32 janvier", "hier", "1er janvier 1970", "9999-12-31", "0000-01-01", "24h61", "25h", "demain 25h00",
  "lundi dernier", "tous les 31 février", "jusqu'au 30 février", "2038-01-19T03:14:08Z", "0h-0h", "18h-17h", "dans 10000 ans", "le 1er avril 275760",
  "every 0 days", "toute la journée toute la journée", "jeudi 18h30 jusqu'au jeudi 18h29", "tous les jours jusqu'en 3000", "12/13/2026", "-1/-1", "13h-13h",
  "mardi 8 décembre vers mardi 8 décembre", "vendredi 18h vers", "le 31", "à minuit et demi", "dimanche 2h30 (changement d'heure)", "29 février 2100",
];
export const QUOTES = ['"', "«", "»", "“", "”", "„", '""', '"""', "« »", '"a b', '« ouvert', '„ x', '"', "'", "`"];
export const WORDS = ["Loto", "Réunion", "atelier", "Chorale", "jeudi", "18h", "salle", "Budget", "#compta", "https://cloud.exemple.fr/s/Ab12", "oui", "non", "@room", "@camille:minou.test", "places:10", "lieu:\"Salle 2\"", "--", "|", "…", "—", "l'asso"];
export const PHRASES = [
  "Minou est super",
  "Minou : aide",
  "minou, aide",
  "Minou ?",
  "MINOU: help",
  "@minou:minou.test aide",
  "@minou aide",
  "Minou aide",
  "Minouche : aide",
  "@minou:ailleurs.fr aide",
  "bonjour tout le monde",
  "!",
  "!!",
  "! aide",
  "!!aide",
  "!?",
  "!\u200B",
  "?aide",
  "/aide",
  "aide",
  "!aide",
  "!help",
  "!AIDE",
  "!Aide agenda",
  "!aide aide aide",
  "!miaou",
  "!agnda",
  "!sondge",
  "!ai\u0301de",
  "!ａｉｄｅ",
  "!агенда",
  "!aide\u0000",
  "!minou !minou",
  "> !aide",
  "`!aide`",
  "    !aide",
  "\n\n!aide",
];

/**
 * The first `units` UTF-16 units of `text`, one fewer when that would split a surrogate pair:
 * lone surrogates come from LONE_SURROGATES on purpose, not from every cut.
 */
export function head(text: string, units: number): string {
  const code = text.charCodeAt(units - 1);
  return text.slice(0, code >= 0xd800 && code <= 0xdbff ? units - 1 : units);
}

/** `piece` repeated up to about `units` UTF-16 units. */
export function repeated(piece: string, units: number): string {
  return piece.repeat(Math.max(1, Math.floor(units / Math.max(1, piece.length))));
}

/** A length: mostly short, sometimes long, now and then as long as a message can be. */
export function someLength(random: Random): number {
  return random.weighted([
    [6, random.int(1, 40)],
    [3, random.int(41, 2_000)],
    [2, random.int(2_001, 20_000)],
    [1, random.int(20_001, LONGEST_TEXT)],
  ]);
}

function combining(random: Random, count: number): string {
  let marks = "";
  for (let index = 0; index < count; index += 1) marks += String.fromCharCode(0x0300 + random.int(0, 0x6f));
  return marks;
}

/** Deeply nested or runaway Markdown. */
export function nestedMarkdown(random: Random): string {
  const depth = random.pick([10, 100, 500, 1_000]);
  return random.pick([
    () => `${"> ".repeat(depth)}citation`,
    () => `${"- ".repeat(depth)}liste`,
    () => `${"1. ".repeat(depth)}liste`,
    () => "*".repeat(depth * 2),
    () => "_".repeat(depth * 2),
    () => "[".repeat(depth * 2),
    () => "](".repeat(depth),
    () => "`".repeat(depth),
    () => "```\n".repeat(depth),
    () => `${"*".repeat(depth)}gras${"*".repeat(depth)}`,
    () => `${"~".repeat(depth)}barré`,
    () => "# ".repeat(depth),
    () => "|a|b|\n|-|-|\n".repeat(depth),
    () => "\\".repeat(depth),
    () => "<".repeat(depth),
    () => "&amp;".repeat(depth),
    () => "&#".repeat(depth),
    () => `${"  ".repeat(depth)}- indentée`,
    () => `${"<div>".repeat(depth)}x`,
    () => `${"[x](".repeat(depth)}https://exemple.fr${")".repeat(depth)}`,
    () => Array.from({ length: depth }, (_, level) => `${"  ".repeat(level)}- niveau ${level}`).join("\n"),
  ])();
}

/** One hostile fragment of any family. */
export function hostilePiece(random: Random): string {
  return random.weighted<() => string>([
    [3, () => random.pick(EMOJI)],
    [2, () => `e${combining(random, random.int(1, 3))}`],
    [1, () => `Z${combining(random, random.int(20, 200))}`],
    [2, () => random.pick(ZERO_WIDTH)],
    [2, () => random.pick(BIDI)],
    [2, () => random.pick(CONTROLS)],
    [1, () => random.pick(LONE_SURROGATES)],
    [3, () => random.pick(HTML)],
    [2, () => random.pick(MARKDOWN_LINKS)],
    [2, () => nestedMarkdown(random)],
    [2, () => random.pick(NUMBERS)],
    [2, () => random.pick(DATES)],
    [2, () => random.pick(QUOTES)],
    [2, () => "\n".repeat(random.pick([2, 10, 500, 5_000]))],
    [1, () => "\r\n".repeat(random.int(1, 50))],
    [1, () => " ".repeat(random.pick([2, 100, 10_000]))],
    [1, () => "\t".repeat(random.int(1, 20))],
    [4, () => random.pick(WORDS)],
    [1, () => "@room"],
    [1, () => "😀".repeat(random.int(1, 300))],
    [1, () => String.fromCodePoint(random.int(0x4e00, 0x9fff)).repeat(random.int(1, 50))],
    [1, () => "ﷺ".repeat(random.int(1, 20))],
    [1, () => "\uFFFD\uFFFF\uFFFE"],
    [1, () => String.fromCodePoint(0xe0001, 0xe0066, 0xe0072)],
  ])();
}

/** Text of about `length` units made of hostile pieces and words. */
export function hostileText(random: Random, length = someLength(random)): string {
  const parts: string[] = [];
  let size = 0;
  while (size < length) {
    const part = random.chance(0.05) ? repeated(hostilePiece(random), length - size) : hostilePiece(random);
    parts.push(part);
    size += part.length + 1;
  }
  return head(parts.join(random.pick([" ", "", "\n", " "])), Math.max(length, 1));
}

/** A long text of one kind, close to the size limit. */
export function longText(random: Random): string {
  const length = random.int(10_000, LONGEST_TEXT);
  return random.pick([
    () => "a".repeat(length),
    () => repeated("miaou ", length),
    () => repeated("é", length),
    () => repeated("👩‍👩‍👧‍👦", Math.floor(length / 4)),
    () => repeated("🇫🇷", Math.floor(length / 2)),
    () => `${"e".repeat(10)}${"\u0301".repeat(length)}`,
    () => repeated("\u200B", length),
    () => repeated("\n", length),
    () => repeated("mot ", length),
    () => repeated("<b>", length),
    () => repeated("**gras** ", length),
    () => repeated("> ", length),
    () => repeated("|", length),
    () => repeated("\\*", length),
    () => repeated("https://exemple.fr/ ", length),
  ])();
}

/** Pieces put in front of a command: blanks, invisible marks, direction marks, junk. */
export function leadingJunk(random: Random): string {
  return random.pick([
    " ",
    "   ",
    "\n",
    "\n\n\n",
    "\t",
    "\u00A0",
    "\u3000",
    ...ZERO_WIDTH,
    "\u200B\uFEFF\u2060",
    random.pick(BIDI),
    "\u0000",
    "\u0301",
    "🐈",
    "\u200D",
    ">",
    "*",
  ]);
}

/** Mangles the letters of a word (case, accents, a stray mark): how a command name gets typed. */
export function mangleWord(random: Random, word: string): string {
  return random.pick([
    () => word.toUpperCase(),
    () => word.charAt(0).toUpperCase() + word.slice(1),
    () => word.normalize("NFD"),
    () => word.normalize("NFD").replace(/[\u0300-\u036f]/gu, ""),
    () => `${word.slice(0, 1)}${random.pick(ZERO_WIDTH)}${word.slice(1)}`,
    () => `${word}${random.pick(EMOJI)}`,
    () => word.slice(0, -1),
    () => `${word}${word.slice(-1)}`,
    () => [...word].reverse().join(""),
    () => word.replace(/a/gu, "а"),
  ])();
}
