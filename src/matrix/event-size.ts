import { inEveryLanguage } from "../i18n/every-language.ts";
import { cutToBudget } from "../render/cut-text.ts";

/**
 * The most content Minou puts in one event, in bytes. The spec ("Size limits") caps a whole event
 * at 65536 bytes of canonical JSON in its federation form; Synapse refuses more with 413
 * M_TOO_LARGE (synapse/api/constants.py MAX_PDU_SIZE), and the message never arrives. The margin
 * covers the envelope (sender, room, auth and previous events, hashes, signatures: under 1 KB) and
 * end-to-end encryption, whose megolm ciphertext is base64, a third larger than the content:
 * 45,000 bytes of content make about 61 KB once encrypted.
 */
export const MAX_CONTENT_BYTES = 45_000;

/** Ends a message that had to be shortened, in every language: the store that applies it knows no room's. */
export const SHORTENED_NOTE = `\n\n… (${inEveryLanguage("runtime.messageShortened")})`;

// JSON.stringify writes the same bytes as canonical JSON (UTF-8, no spaces, the same escapes),
// only with the keys in another order, which does not change the size.
const jsonBytes = (value: unknown): number => Buffer.byteLength(JSON.stringify(value));
const stringBytes = (text: string): number => jsonBytes(text) - 2;

type Content = Record<string, unknown>;

/**
 * The content as JSON, shortened when it would be too big to send: the plain `body` is cut on a
 * character or line boundary and says so, and `formatted_body` goes (cut HTML could be broken;
 * clients show `body` instead). An edit's `m.new_content` is shortened the same way. A content with
 * no body to shorten is kept as it is: the homeserver's refusal is then recorded when it is sent.
 */
export function fittedContentJson(content: Content): string {
  const json = JSON.stringify(content);
  // Three bytes at most per UTF-16 unit: most messages need no closer look.
  if (json.length * 3 <= MAX_CONTENT_BYTES || Buffer.byteLength(json) <= MAX_CONTENT_BYTES) return json;
  return JSON.stringify(fitContent(content));
}

function fitContent(content: Content): Content {
  const fitted: Content = { ...content };
  const holders = [fitted];
  const edited = content["m.new_content"];
  if (isContent(edited)) {
    const copy = { ...edited };
    fitted["m.new_content"] = copy;
    holders.push(copy);
  }
  const withBody = holders.filter((holder) => typeof holder["body"] === "string");
  if (withBody.length === 0) return content;
  for (const holder of withBody) {
    delete holder["format"];
    delete holder["formatted_body"];
  }
  if (jsonBytes(fitted) <= MAX_CONTENT_BYTES) return fitted;

  const bodies = withBody.map((holder) => holder["body"] as string);
  for (const holder of withBody) holder["body"] = "";
  const budget = Math.floor((MAX_CONTENT_BYTES - jsonBytes(fitted)) / withBody.length) - stringBytes(SHORTENED_NOTE);
  withBody.forEach((holder, index) => {
    holder["body"] = `${cutToBudget(bodies[index] ?? "", Math.max(0, budget), stringBytes)}${SHORTENED_NOTE}`;
  });
  return fitted;
}

function isContent(value: unknown): value is Content {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
