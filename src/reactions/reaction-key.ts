import type { Answer } from "../../storage/agenda/answers-store.ts";

/** Variation selectors and skin tones: "✅️" is "✅", "👍🏽" is "👍". */
export function normalizeReactionKey(key: string): string {
  return key.replace(/[\uFE0E\uFE0F]|\u{1F3FB}|\u{1F3FC}|\u{1F3FD}|\u{1F3FE}|\u{1F3FF}/gu, "").trim();
}

const ANSWERS: Readonly<Record<string, Answer>> = {
  "✅": "yes",
  "✔": "yes",
  "☑": "yes",
  "👍": "yes",
  "❓": "maybe",
  "❔": "maybe",
  "🤔": "maybe",
  "❌": "no",
  "✖": "no",
  "❎": "no",
  "👎": "no",
};

/** The yes / maybe / no a reaction means, or undefined for any other emoji. */
export function answerOfReaction(key: string): Answer | undefined {
  return ANSWERS[normalizeReactionKey(key)];
}
