import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useCatalog, type Catalog } from "../../../src/i18n/catalog.ts";
import { dispatching, MODERATOR, ROOM, textMessage, type QueuedReply } from "../../support/dispatching.ts";
import { MEMBER } from "../../i18n/pseudo-cases.ts";
import { leftover, pseudoCatalog } from "../../i18n/pseudo-locale.ts";

/**
 * The polls' main replies under the pseudo-locale, which need a poll made first (PSEUDO_CASES
 * holds one line each): every reply of each line, the live summaries and results included, says
 * only catalog texts, the words typed and the values listed (Intl dates, the agenda's zone name).
 */
const OTHER = "@sacha:x";
// As Intl writes the dates of 1970 the test clock is in, and the agenda's name of the time zone.
const DATES = ["lundi", "lun", "mardi", "mar", "vendredi", "janvier", "janv", "heure de Paris"];



/** The text a reply shows: its body, or a native poll's fallback text (the question and answers typed). */
function shownText(reply: QueuedReply): string {
  const fallback = reply.content["org.matrix.msc1767.text"];
  return reply.content["body"] === undefined && typeof fallback === "string" ? fallback : reply.body;
}

/** `values` may be read once the line is handled (an anonymous poll's code). */
type Say = (sender: string, line: string, extra?: Record<string, unknown>, values?: readonly string[] | (() => readonly string[])) => Promise<QueuedReply[]>;

function scenario(): { say: Say; stores: ReturnType<typeof dispatching>["stores"] } {
  const { handle, stores } = dispatching();
  // What was typed before shows again (a question, the answers): values too.
  const typed: string[] = [];
  const say: Say = async (sender, line, extra = {}, values = []) => {
    const replies = await handle(textMessage(sender, line, extra));
    typed.push(...line.split(/[\s"]+/u));
    const allowed = [...typed, ...(typeof values === "function" ? values() : values)];
    expect(replies.length, line).toBeGreaterThan(0);
    for (const reply of replies) {
      const text = shownText(reply);
      if (reply.content["body"] !== undefined) expect(text, line).toContain("⟦");
      expect(leftover(text, [...DATES, ...allowed]), `${line}: ${text}`).toBe("");
    }
    return replies;
  };
  return { say, stores };
}

describe("polls under the pseudo-locale", () => {
  let original: Catalog;
  beforeAll(() => {
    original = useCatalog(pseudoCatalog());
  });
  afterAll(() => {
    useCatalog(original);
  });

  it("a question poll: started, its results, its refusals, its export, closed", async () => {
    const { say } = scenario();
    await say(MEMBER, '!sondage "Quand se réunir ?" Lundi | Mardi jusqu\'à vendredi 18h');
    await say(MEMBER, "!sondage résultats 1");
    await say(MEMBER, "!sondage voter 1 2");
    await say(MEMBER, "!sondage choisir 1 1");
    await say(OTHER, "!sondage clore 1");
    await say(MEMBER, "!sondage export 1");
    await say(MEMBER, "!sondage clore 1");
    await say(MEMBER, "!sondage clore 1");
    await say(MEMBER, '!sondage "Menu ?" Crêpes | Galettes fermé');
    await say(MEMBER, "!sondage résultats 2");
    await say(MEMBER, '!sondage "Menu ?" Crêpes | Galettes jusqu\'à bientôt');
  });

  it("an anonymous poll: its summary with the code, and where to vote", async () => {
    const { say, stores } = scenario();
    const code = (): string => stores.polls.polls.byNumber(ROOM, 1)?.code ?? "";
    await say(MEMBER, '!sondage "Nouveau local ?" Oui | Non anonyme', {}, () => [code()]);
    await say(MEMBER, `!sondage voter ${code()} 1`);
    await say(MEMBER, "!sondage voter 1 1");
    await say(MEMBER, "!sondage clore 1");
  });

  it("a date poll: its summary and slots, votes, results with names, closing with a suggestion", async () => {
    const { say } = scenario();
    await say(MEMBER, "!sondage dates Réunion de rentrée ? lundi 14h, mardi 18h jusqu'à vendredi");
    await say(MEMBER, "!sondage voter 1 oui sibesoin");
    await say(MEMBER, "!sondage voter 1 oui");
    await say(MEMBER, "!sondage voter 1 oui peut-être");
    await say(MEMBER, "!sondage résultats 1", {}, [MEMBER]);
    await say(MEMBER, "!sondage choisir 9");
    await say(MEMBER, "!sondage export 1");
    await say(MEMBER, "!sondage clore 1");
    await say(MEMBER, "!sondage voter 1 oui oui");
  });

  it("a member's Element poll: a deadline in reply to it, and its refusals", async () => {
    const { say, stores } = scenario();
    stores.polls.polls.create(
      { roomId: ROOM, kind: "question", question: "Pique-nique ?", disclosed: true, anonymous: false, code: null, external: true, createdBy: MEMBER, deadline: null, timeZone: "Europe/Paris", startEventId: "$poll", options: [{ position: 1, answerId: "a", label: "Oui", startsAt: null, endsAt: null, allDay: false }, { position: 2, answerId: "b", label: "Non", startsAt: null, endsAt: null, allDay: false }] },
      0,
    );
    const inReply = { "m.relates_to": { "m.in_reply_to": { event_id: "$poll" } } };
    await say(OTHER, "!sondage échéance vendredi 18h", inReply);
    await say(MEMBER, "!sondage échéance n'importe quand", inReply);
    await say(MEMBER, "!sondage échéance vendredi 18h", inReply, ["Pique-nique ?"]);
    await say(MODERATOR, "!sondage échéance vendredi", inReply, ["Pique-nique ?"]);
  });
});
