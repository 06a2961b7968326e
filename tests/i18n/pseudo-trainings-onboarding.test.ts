import { DateTime } from "luxon";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { zoneLabel } from "../../src/agenda/parse-when.ts";
import { useCatalog, type Catalog } from "../../src/i18n/catalog.ts";
import { guideMessage, welcomeMessage } from "../../src/onboarding/texts.ts";
import { renderMessage } from "../../src/render/render-message.ts";
import { userPill, type Markdown } from "../../src/render/markdown.ts";
import { sessionAsAgendaEvent } from "../../src/trainings/as-agenda-event.ts";
import type { TrainingSession } from "../../src/trainings/model.ts";
import { dm, sessionAnnouncement } from "../../src/trainings/texts.ts";
import { dispatching, MODERATOR, textMessage } from "../support/dispatching.ts";
import { MEMBER } from "./pseudo-cases.ts";
import { leftover, pseudoCatalog } from "./pseudo-locale.ts";

/**
 * What PSEUDO_CASES cannot show (one line, empty stores, no staff): the staff's commands on a real
 * session, the announcements, the direct messages and the welcome, all from the catalog.
 */
const STAFF = "@equipe:x";


/** The words Intl and the agenda's zone label write into a session's dates. */
function dateWords(startsAt: number, timeZone: string): string[] {
  const day = DateTime.fromMillis(startsAt, { zone: timeZone }).setLocale("fr-FR");
  return [day.toFormat("cccc"), day.toFormat("LLLL"), day.toFormat("ccc"), day.toFormat("LLL"), zoneLabel(timeZone, "fr")];
}

const START = Date.UTC(2026, 11, 3, 13, 0);
const SESSION: TrainingSession = {
  id: 5, trainingId: 1, title: "Tricot", description: "Ordinateur", uid: "s@test", startsAt: START, endsAt: START + 7_200_000, timeZone: "Europe/Paris",
  capacity: 10, location: "Salle", confirmationHours: 48, cancelledAt: null, sequence: 0, createdBy: STAFF, createdAt: 0, updatedAt: 0, announcementRoomId: null, announcementEventId: null,
};
const TYPED = ["Tricot", "Ordinateur", "Salle", "Jeanne", "Ana", "Bo", "Vélo", "Pad", "pad.example", "https", "plusieurs"];

describe("pseudo-locale: trainings and onboarding beyond single lines", () => {
  let original: Catalog;
  beforeAll(() => {
    original = useCatalog(pseudoCatalog());
  });
  afterAll(() => {
    useCatalog(original);
  });

  it("writes announcements, direct messages, the agenda event, the welcome and the guide from the catalog", () => {
    const counts = { registered: 9, offered: 0, waiting: 2, placesLeft: 1 };
    const texts: Markdown[] = [
      sessionAnnouncement(SESSION, counts, "fr", "!"),
      sessionAnnouncement({ ...SESSION, cancelledAt: 1, location: null }, counts, "fr", "!"),
      dm.signedUpByReaction(SESSION, "fr", "!", START - 3 * 86_400_000),
      dm.waitingByReaction(SESSION, 3, "fr", "!"),
      dm.unavailableByReaction(SESSION, "cancelled", "fr"),
      dm.unavailableByReaction(SESSION, "started", "fr"),
      dm.promoted(SESSION, "fr", "!"),
      dm.promoted({ ...SESSION, confirmationHours: null }, "fr", "!"),
      dm.offerExpired(SESSION, "fr", "!"),
      dm.cancelled(SESSION, "Jeanne", "fr"),
      dm.reminder(SESSION, "fr", "!"),
      dm.reminder({ ...SESSION, location: null }, "fr", "!"),
      welcomeMessage([userPill("@a:x", "Ana"), userPill("@b:x", "Bo")], "Vélo", null, "fr", "!"),
      welcomeMessage([userPill("@a:x", "Ana")], undefined, null, "fr", "!"),
      guideMessage("Vélo", [{ name: "Pad", url: "https://pad.example", description: "plusieurs" }], "fr", "!"),
      guideMessage(undefined, [], "fr", "!"),
    ];
    // Intl joins the newcomers ("Ana et Bo"): its conjunction is not the catalog's.
    const allowed = [...TYPED, ...dateWords(START, SESSION.timeZone), " et "];
    for (const text of texts) {
      const { body } = renderMessage(text);
      expect(body).toContain("⟦");
      expect(leftover(body, allowed), body).toBe("");
    }
    const event = sessionAsAgendaEvent(SESSION, counts, "fr");
    for (const text of [event.title, event.description ?? ""]) expect(leftover(text, allowed), text).toBe("");
  });

  it("answers the staff's commands on a session and on the FAQ, and tells those signed up, from the catalog", async () => {
    const { handle, stores } = dispatching({ staff: [STAFF] });
    const lines: [string, string][] = [
      [STAFF, '!formation créer "Tricot" jeudi 14h places:1 lieu:Salle confirmation:48h -- Ordinateur'],
      [STAFF, "!formation créer Tricot jeudi 14h places:1"],
      [STAFF, '!formation créer "Tricot" jeudi 14h'],
      [STAFF, '!formation créer "Tricot" jeudi 14h places:0'],
      [STAFF, '!formation créer "Tricot" jeudi 14h places:1 confirmation:toujours'],
      [STAFF, '!formation créer "Tricot" tous les jeudis 14h places:1'],
      [STAFF, "!formation session 1 jeudi 16h places:3"],
      [STAFF, "!formation session 9 jeudi 16h places:3"],
      [MEMBER, "!formation inscrire 1"],
      [MEMBER, "!formation inscrire 1"],
      [MODERATOR, "!formation inscrire 1"],
      [MODERATOR, "!formation inscrire 1"],
      [MEMBER, "!formations"],
      [MEMBER, "!mes-formations"],
      [MODERATOR, "!mes-formations"],
      [MEMBER, "!formation confirmer 1"],
      [STAFF, "!formation participants 1"],
      [STAFF, "!formation participants 2"],
      [STAFF, "!formation export 1"],
      [STAFF, "!formation modifier 1 places trois"],
      [STAFF, "!formation modifier 1 places 0"],
      [STAFF, "!formation modifier 1 lieu Salle"],
      [STAFF, "!formation modifier 1 places 2"],
      [MODERATOR, "!formation inscrire 1"],
      [MODERATOR, "!formation annuler-inscription 1"],
      [MEMBER, "!formation annuler-inscription 2"],
      [STAFF, "!formation annuler 1"],
      [STAFF, "!formation annuler 1"],
      [STAFF, "!formation annuler 2"],
      [STAFF, "!formation modifier 1 places 4"],
      [MEMBER, "!formation inscrire 1"],
      [MODERATOR, '!faq ajouter "Pad ?" Ordinateur'],
      [STAFF, '!faq ajouter-centre "Salle ?" Tricot'],
      [STAFF, "!faq ajouter-centre Salle"],
      [MEMBER, "!faq"],
      [MEMBER, "!faq pad"],
      [MODERATOR, "!faq retirer 1"],
      [STAFF, "!faq retirer C1"],
    ];
    const allowed = [...TYPED, "jeudi", "janvier", "jeu", "janv", zoneLabel("Europe/Paris", "fr"), STAFF, MEMBER, MODERATOR, "equipe", "camille", "modo", "csv"];
    for (const [sender, line] of lines) {
      const replies = await handle(textMessage(sender, line));
      expect(replies.length, line).toBeGreaterThan(0);
      for (const reply of replies) {
        if (reply.content["msgtype"] === "m.file") continue;
        expect(reply.body, line).toContain("⟦");
        expect(leftover(reply.body, [...line.split(/\s+/u), ...allowed]), `${line}: ${reply.body}`).toBe("");
      }
    }
    const direct: string[] = [];
    for (let next = stores.outbox.nextForRoom(""); next !== undefined; next = stores.outbox.nextForRoom("")) {
      direct.push(String(next.content["body"]));
      stores.outbox.markSent(next.id, "$x", 0);
    }
    // The promotion (edit to 2 places) and the cancellations.
    expect(direct.length).toBeGreaterThanOrEqual(2);
    for (const body of direct) expect(leftover(body, allowed), body).toBe("");
  });
});
