import type { ArgSpec, Command, OptionSpec } from "./command.ts";
import { fold } from "./fold.ts";
import type { Token } from "./tokenize.ts";

export type ParsedArgs = Readonly<Record<string, string | number | undefined>>;

/** Why the words after a command's name do not fit it; the dispatcher words the message. */
export type ArgProblem =
  | { readonly kind: "missing"; readonly arg: ArgSpec }
  | { readonly kind: "notInteger"; readonly arg: ArgSpec | OptionSpec; readonly given: string }
  | { readonly kind: "outOfRange"; readonly arg: ArgSpec | OptionSpec; readonly given: string }
  | { readonly kind: "notAChoice"; readonly arg: ArgSpec | OptionSpec; readonly given: string }
  | { readonly kind: "tooMany"; readonly given: string }
  | { readonly kind: "duplicateOption"; readonly key: string };

export type ParseOutcome = { readonly ok: true; readonly args: ParsedArgs } | { readonly ok: false; readonly problem: ArgProblem };

const OPTION_PATTERN = /^([\p{L}_-]+):(.+)$/su;

/**
 * Reads a command's arguments from the words after its name. `line` is the text the tokens come
 * from, so a text argument keeps what was typed exactly, line breaks included.
 */
export function parseArgs(command: Command, tokens: readonly Token[], line: string): ParseOutcome {
  const values: Record<string, string | number | undefined> = {};
  const positional: Token[] = [];
  for (const token of tokens) {
    const option = token.quoted && !token.text.includes(":") ? undefined : findOption(command, token);
    if (option === undefined) {
      positional.push(token);
      continue;
    }
    if (values[option.spec.name] !== undefined) return fail({ kind: "duplicateOption", key: option.key });
    const value = convert(option.spec, option.value);
    if (!value.ok) return value;
    values[option.spec.name] = value.value;
  }

  let next = 0;
  for (const arg of command.args) {
    const token = positional[next];
    if (token === undefined) {
      if (arg.optional !== true) return fail({ kind: "missing", arg });
      values[arg.name] = undefined;
      continue;
    }
    if (arg.kind === "text") {
      const rest = positional.slice(next);
      values[arg.name] = rest.length === 1 && token.quoted ? token.text : rawText(line, rest, tokens);
      next = positional.length;
      continue;
    }
    const value = convert(arg, token.text);
    if (!value.ok) {
      // An optional argument that does not fit leaves the word to the next one ("!agenda Loto").
      const later = command.args.indexOf(arg) < command.args.length - 1;
      if (arg.optional === true && later && value.problem.kind !== "outOfRange") {
        values[arg.name] = undefined;
        continue;
      }
      return value;
    }
    values[arg.name] = value.value;
    next += 1;
  }
  const extra = positional[next];
  if (extra !== undefined) return fail({ kind: "tooMany", given: extra.text });
  return { ok: true, args: values };
}

/**
 * The words as typed, spacing and line breaks kept, without the option words that stood among
 * them (`"Atelier" jeudi 14h places:10 -- description` gives `"Atelier" jeudi 14h -- description`).
 */
function rawText(line: string, words: readonly Token[], all: readonly Token[]): string {
  // One pass over the tokens, in order: a long message has thousands of words.
  const kept = new Set(words);
  let text = "";
  let previous: Token | undefined;
  let optionBetween = false;
  for (const token of all) {
    if (!kept.has(token)) {
      optionBetween = previous !== undefined;
      continue;
    }
    if (previous !== undefined) text += optionBetween ? " " : line.slice(previous.end, token.start);
    text += line.slice(token.start, token.end);
    previous = token;
    optionBetween = false;
  }
  return text.trim();
}

function findOption(command: Command, token: Token): { spec: OptionSpec; key: string; value: string } | undefined {
  const match = OPTION_PATTERN.exec(token.text);
  if (match === null) return undefined;
  const key = fold(match[1] ?? "");
  const spec = command.options.find((option) => option.keys.some((candidate) => fold(candidate) === key));
  return spec === undefined ? undefined : { spec, key: match[1] ?? "", value: match[2] ?? "" };
}

type Converted = { readonly ok: true; readonly value: string | number } | { readonly ok: false; readonly problem: ArgProblem };

function convert(arg: ArgSpec | OptionSpec, given: string): Converted {
  switch (arg.kind) {
    case "word":
    case "text":
      return { ok: true, value: given };
    case "integer": {
      const value = readInteger(given);
      if (value === undefined) return fail({ kind: "notInteger", arg, given });
      if (!Number.isSafeInteger(value) || (arg.min !== undefined && value < arg.min) || (arg.max !== undefined && value > arg.max)) {
        return fail({ kind: "outOfRange", arg, given });
      }
      return { ok: true, value };
    }
    case "choice": {
      const choice = arg.choices.find((candidate) => fold(candidate) === fold(given));
      return choice === undefined ? fail({ kind: "notAChoice", arg, given }) : { ok: true, value: choice };
    }
  }
}

/**
 * A whole number as typed ("3", "n°3", "#3": numbers are shown that way, and typing them back works
 * too), or undefined when it is not one. Beyond Number.MAX_SAFE_INTEGER the value is rounded
 * (99999999999999999999 reads 100000000000000000000): check `Number.isSafeInteger` before using it,
 * and quote what was typed, never the value.
 */
function readInteger(given: string): number | undefined {
  const digits = given.replace(/^(#|n°|no\.?)/iu, "");
  return /^[+-]?\d+$/u.test(digits) ? Number.parseInt(digits, 10) : undefined;
}

/** A number that can name a record ("n°3"): a whole number from 1 within the safe range, else undefined. */
export function readRecordNumber(given: string): number | undefined {
  const value = readInteger(given);
  return value !== undefined && Number.isSafeInteger(value) && value >= 1 ? value : undefined;
}

function fail(problem: ArgProblem): { readonly ok: false; readonly problem: ArgProblem } {
  return { ok: false, problem };
}
