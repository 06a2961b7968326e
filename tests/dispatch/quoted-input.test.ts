// A reply never quotes more than a short excerpt of what a member typed: all of a long message
// would make a reply too big for Matrix (65536 bytes an event), which never arrives.
import { describe, expect, it } from "vitest";
import { graphemeCount } from "../../src/render/cut-text.ts";
import { dispatching, MODERATOR, textMessage } from "../support/dispatching.ts";


/** Replies to each command, in order, as queued for sending. */
async function answers(sender: string, ...bodies: string[]): Promise<string[]> {
  const { handle } = dispatching();
  return (await handle(...bodies.map((body) => textMessage(sender, body)))).map((queued) => queued.body);
}

/** About 60,000 characters, emoji included: as much as one Matrix message can carry. */
const LONG = `Bonjour ${"🐈 miaou ".repeat(7_500)}`;

const hasLoneSurrogate = (text: string): boolean => /[\uD800-\uDFFF]/u.test(text);

function expectShortQuote(body: string | undefined): void {
  expect(body).toBeDefined();
  expect(graphemeCount(body ?? "")).toBeLessThan(500);
  expect(body).toContain("…");
  expect(hasLoneSurrogate(body ?? "")).toBe(false);
}

describe("replies quoting what a member typed", () => {
  it("quote an unknown command's first 80 characters at most", async () => {
    const [answer] = await answers("@camille:x", `!${"x".repeat(30_000)}🐈${"y".repeat(30_000)}`);
    expect(answer).toMatch(/^Je ne connais pas la commande !x{79}…\. Tapez !aide/u);
  });

  it("quote a bad argument's first 80 characters at most", async () => {
    const [language, count] = await answers(MODERATOR, `!langue ${LONG.replace(/ /gu, "-")}`, `!agenda voir n°${"🐈".repeat(20_000)}`);
    expectShortQuote(language);
    expect(language).toContain("n'est pas possible pour langue : choisissez parmi fr, en.");
    expectShortQuote(count);
    expect(count).toContain("n'est pas un nombre entier");
  });

  it("quote the words searched, the topic asked for, the zone and the delays given: an excerpt", async () => {
    const replies = await answers(MODERATOR, `!aide ${LONG}`, `!faq ${LONG}`, `!docs chercher ${LONG}`, `!agenda fuseau Europe/${"Paris".repeat(10_000)}`, `!agenda rappels ${LONG}`);
    expect(replies).toHaveLength(5);
    for (const reply of replies) expectShortQuote(reply);
    expect(replies[0]).toMatch(/^Je ne connais pas de commande « Bonjour 🐈 miaou 🐈/u);
    expect(replies[1]).toMatch(/^Je n'ai rien trouvé pour « Bonjour 🐈/u);
    expect(replies[2]).toMatch(/^Aucun document ne correspond à « Bonjour 🐈/u);
  });
});

describe("numbers too big to be read exactly", () => {
  it("are refused as typed, never echoed rounded or in scientific notation", async () => {
    const replies = await answers(MODERATOR, "!agenda voir 99999999999999999999", "!sondage voter 99999999999999999999 oui", "!faq retirer 99999999999999999999", "!agenda voir 9007199254740993");
    expect(replies[0]).toBe("99999999999999999999 n'est pas une valeur possible pour n°. Utilisation : !agenda voir <n°>");
    expect(replies[1]).toBe("Il n'y a pas de sondage n°99999999999999999999 dans ce salon.");
    expect(replies[2]).toBe("Il n'y a pas de question 99999999999999999999 ici. Les numéros : !faq");
    expect(replies[3]).toBe("9007199254740993 n'est pas une valeur possible pour n°. Utilisation : !agenda voir <n°>");
    for (const reply of replies) expect(reply).not.toMatch(/100000000000000000000|e\+|9007199254740992/u);
  });
});
