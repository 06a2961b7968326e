import { describe, expect, it } from "vitest";
import { annonce } from "../../../commands/announcements/annonce.ts";
import { annonces } from "../../../commands/announcements/annonces.ts";
import { annonceAnnuler } from "../../../commands/announcements/annuler.ts";
import { annonceConfirmer } from "../../../commands/announcements/confirmer.ts";
import type { CommandResult } from "../../../src/dispatch/command.ts";
import { txnIdFor } from "../../../src/matrix/txn-id.ts";
import { renderMessage } from "../../../src/render/render-message.ts";
import { PROGRESS_PURPOSE } from "../../../src/staff-announcements/model.ts";
import { FIXED_NOW } from "../../support/command-context.ts";
import { centreStores, KARIM, SOPHIE, staffContext, STAFF_ROOM } from "../../staff-announcements/fixtures.ts";

const HOUR = 3_600_000;
const bodyOf = (result: CommandResult): string => renderMessage(result.text).body.replace(/[\u00a0\u202f]/g, " ");

describe("!annonce: the preview", () => {
  it("shows the message and every association room, and sends nothing", () => {
    const stores = centreStores();
    const result = annonce.execute(staffContext(stores), { text: "**Fermeture** du centre le 24 décembre." });
    expect(result.kind).toBe("reply");
    const body = bodyOf(result);
    expect(body).toContain("Aperçu de l'annonce");
    expect(body).toContain("> Fermeture du centre le 24 décembre.");
    expect(renderMessage(result.text).formattedBody).toContain("<strong>Fermeture</strong>");
    // Jardins partagés is encrypted: a room like the others, Minou encrypts what it sends there.
    expect(body).toContain("Salons visés (3) : Chorale des Tilleuls, Club ados, Jardins partagés");
    expect(body).not.toContain("Laissés de côté");
    expect(body).not.toContain("Équipe du centre,");
    expect(body).toContain("!annonce confirmer");
    expect(stores.outbox.pendingRooms()).toEqual([]);
    expect(stores.staffAnnouncements.announcements.draftOf(KARIM)?.status).toBe("draft");
  });

  it("narrows to rooms with at least one of the tags", () => {
    const stores = centreStores();
    const body = bodyOf(annonce.execute(staffContext(stores), { text: "#culture #jeunesse épingler @room Concert des jeunes vendredi" }));
    expect(body).toContain("Salons visés (2) — étiquettes #culture, #jeunesse : Chorale des Tilleuls, Club ados");
    expect(body).toContain("> Concert des jeunes vendredi");
    expect(body).toContain("Épinglée dans les salons où je peux épingler");
    expect(body).toContain("Notifie tous les membres");
    const draft = stores.staffAnnouncements.announcements.draftOf(KARIM);
    expect([draft?.pin, draft?.mentionRoom, draft?.tags]).toEqual([true, true, ["culture", "jeunesse"]]);
  });

  it("says where it cannot pin", () => {
    const stores = centreStores();
    stores.rooms.setMissingPowers("!ados:minou.test", ["pin"]);
    const body = bodyOf(annonce.execute(staffContext(stores), { text: "épingler Rappel : assemblée générale" }));
    expect(body).toContain("Je n'en ai pas le droit dans 1 salon : Club ados.");
  });

  it("with @room, says in which rooms @room will ping nobody (Minou lacks notifications.room)", () => {
    const stores = centreStores();
    stores.rooms.setMissingPowers("!ados:minou.test", ["room-mention"]);
    const some = bodyOf(annonce.execute(staffContext(stores), { text: "@room Coupure d'eau demain" }));
    expect(some).toContain("🔔 Notifie tous les membres de chaque salon (@room). ⚠️ Sauf dans 1 salon, où je n'ai pas le droit « Notifier tout le monde » (niveau 50 par défaut) et où @room ne notifiera personne : Club ados.");
    for (const roomId of ["!chorale:minou.test", "!jardins:minou.test"]) stores.rooms.setMissingPowers(roomId, ["pin", "room-mention"]);
    expect(bodyOf(annonce.execute(staffContext(stores), { text: "@room Coupure d'eau demain" }))).toContain("Mais je n'ai dans aucun de ces salons le droit « Notifier tout le monde » (niveau 50 par défaut) : @room n'y notifiera personne.");
    // Without @room the missing power does not matter.
    expect(bodyOf(annonce.execute(staffContext(stores), { text: "Coupure d'eau demain" }))).toContain("🔕 Ne mentionne personne : notifie comme un message ordinaire");
  });

  it("refuses bad input clearly and keeps nothing", () => {
    const stores = centreStores();
    const cases: [string, RegExp][] = [
      ["#culture épingler", /Le message de l'annonce est vide/],
      ["#theatre Répétition", /Aucun salon ne porte l'étiquette #theatre\. Étiquettes connues : #culture, #jeunesse, #sport/],
      ["programmer hier 18h Trop tard", /déjà passé/],
      ["programmer tous les mardis à 18h Chorale", /un jour et une heure/],
      ["programmer Bonjour", /quand l'envoyer/],
    ];
    for (const [text, expected] of cases) {
      const result = annonce.execute(staffContext(stores), { text });
      expect(result.kind, text).toBe("refusal");
      expect(bodyOf(result), text).toMatch(expected);
    }
    expect(stores.staffAnnouncements.announcements.draftOf(KARIM)).toBeUndefined();
  });

  it("refuses when there is no room to send to", () => {
    const stores = centreStores();
    for (const roomId of ["!chorale:minou.test", "!ados:minou.test", "!jardins:minou.test"]) stores.rooms.recordLeave(roomId, 1);
    const result = annonce.execute(staffContext(stores), { text: "Bonjour à tous" });
    expect(result.kind).toBe("refusal");
    expect(bodyOf(result)).toContain("n'irait dans aucun salon");
  });

  it("is refused outside the staff room, and when no staff room is configured", () => {
    const stores = centreStores();
    const elsewhere = annonce.execute(staffContext(stores, { roomId: "!jardins:minou.test" }), { text: "Bonjour" });
    expect(elsewhere.kind).toBe("refusal");
    expect(bodyOf(elsewhere)).toContain("depuis le salon de l'équipe du centre");
    const unset = annonceConfirmer.execute(staffContext(stores, { staffRoom: null }), {});
    expect(bodyOf(unset)).toContain("staffRoom");
    expect(stores.staffAnnouncements.announcements.draftOf(KARIM)).toBeUndefined();
  });
});

describe("!annonce confirmer", () => {
  it("refuses without a pending preview", () => {
    const result = annonceConfirmer.execute(staffContext(centreStores()), {});
    expect(result.kind).toBe("refusal");
    expect(bodyOf(result)).toContain("pas d'annonce en attente de confirmation");
  });

  it("queues one m.text per room (an announcement notifies) with a transaction id from (announcement, room); the reply is the progress line", () => {
    const stores = centreStores();
    annonce.execute(staffContext(stores), { text: "Le **forum** ouvre samedi." });
    const id = stores.staffAnnouncements.announcements.draftOf(KARIM)?.id ?? 0;
    const result = annonceConfirmer.execute(staffContext(stores), {});
    expect(result.kind).toBe("reply");
    expect(result.kind === "reply" ? [result.purpose, result.purposeRef] : []).toEqual([PROGRESS_PURPOSE, String(id)]);
    expect(bodyOf(result)).toBe(`📣 Annonce n°${id} — envoi : 0/3 salons`);
    const queued = stores.outbox.pending(10);
    expect(queued.map((message) => message.roomId)).toEqual(["!chorale:minou.test", "!ados:minou.test", "!jardins:minou.test"]);
    expect(queued.map((message) => message.txnId)).toEqual(queued.map((message) => txnIdFor(`staff-announcement:${id}:${message.roomId}`)));
    expect(queued[0]?.content).toMatchObject({ msgtype: "m.text", body: "Le forum ouvre samedi.", "m.mentions": {}, "fr.chatons.minou": { staff_announcement: id } });
    expect(String(queued[0]?.content["formatted_body"])).toContain("<strong>forum</strong>");
    expect(stores.staffAnnouncements.announcements.get(id)?.status).toBe("sending");
    // Confirming again finds nothing pending.
    expect(annonceConfirmer.execute(staffContext(stores), {}).kind).toBe("refusal");
    expect(stores.outbox.pending(10)).toHaveLength(3);
  });

  it("pings the whole room only with @room: in m.mentions and, for Synapse 1.67, \"@room\" in the body", () => {
    const stores = centreStores();
    annonce.execute(staffContext(stores), { text: "@room Coupure d'eau demain" });
    annonceConfirmer.execute(staffContext(stores), {});
    expect(stores.outbox.pending(1)[0]?.content).toMatchObject({ msgtype: "m.text", body: "@room\n\nCoupure d'eau demain", formatted_body: "<p>@room</p>\n<p>Coupure d'eau demain</p>", "m.mentions": { room: true } });
  });

  it("without @room, an \"@room\" inside the text pings nobody", () => {
    const stores = centreStores();
    annonce.execute(staffContext(stores), { text: "Écrivez @room pour prévenir tout le monde" });
    annonceConfirmer.execute(staffContext(stores), {});
    const content = stores.outbox.pending(1)[0]?.content;
    expect(content).toMatchObject({ msgtype: "m.text", "m.mentions": {} });
    expect(String(content?.["body"])).not.toMatch(/@room/iu);
  });

  it("keeps each staff member's preview apart", () => {
    const stores = centreStores();
    annonce.execute(staffContext(stores), { text: "#culture Pour la chorale" });
    annonce.execute(staffContext(stores, { userId: SOPHIE }), { text: "Pour tout le monde" });
    annonceConfirmer.execute(staffContext(stores), {});
    expect(stores.outbox.pending(10).map((message) => message.content["body"])).toEqual(["Pour la chorale"]);
    expect(stores.staffAnnouncements.announcements.draftOf(SOPHIE)?.text).toBe("Pour tout le monde");
  });

  it("refuses a preview more than an hour old", () => {
    const stores = centreStores();
    annonce.execute(staffContext(stores), { text: "Bonjour" });
    const result = annonceConfirmer.execute(staffContext(stores, { now: FIXED_NOW + 2 * HOUR }), {});
    expect(bodyOf(result)).toContain("plus d'une heure");
    expect(stores.outbox.pendingRooms()).toEqual([]);
  });
});

describe("scheduled announcements: !annonces and !annonce annuler", () => {
  it("schedules on confirmation, lists it, and cancels it by number", () => {
    const stores = centreStores();
    annonce.execute(staffContext(stores), { text: "#culture programmer demain 18h -- Répétition générale ce soir !" });
    const id = stores.staffAnnouncements.announcements.draftOf(KARIM)?.id ?? 0;
    const confirmed = annonceConfirmer.execute(staffContext(stores), {});
    expect(bodyOf(confirmed)).toBe(`🗓️ Annonce n°${id} programmée pour le vendredi 27 novembre 2026 à 18:00 (heure de Paris). !annonces affiche les annonces programmées ; !annonce annuler ${id} annule celle-ci.`);
    expect(stores.outbox.pendingRooms()).toEqual([]);

    const listed = bodyOf(annonces.execute(staffContext(stores), {}));
    expect(listed).toContain(`n°${id} · vendredi 27 novembre 2026 à 18:00 (heure de Paris) · #culture · ${KARIM} — « Répétition générale ce soir ! »`);

    expect(bodyOf(annonceAnnuler.execute(staffContext(stores, { userId: SOPHIE }), { number: id }))).toContain(`L'annonce n°${id} est annulée`);
    expect(stores.staffAnnouncements.announcements.get(id)?.status).toBe("cancelled");
    expect(bodyOf(annonces.execute(staffContext(stores), {}))).toContain("Aucune annonce programmée");
    expect(annonceAnnuler.execute(staffContext(stores), { number: id }).kind).toBe("refusal");
  });

  it("refuses a scheduled time that passed between preview and confirmation", () => {
    const stores = centreStores();
    annonce.execute(staffContext(stores), { text: "programmer aujourd'hui 10h30 -- Café des bénévoles" });
    const result = annonceConfirmer.execute(staffContext(stores, { now: FIXED_NOW + HOUR }), {});
    expect(bodyOf(result)).toContain("L'heure prévue pour cette annonce est passée depuis l'aperçu");
    expect(stores.staffAnnouncements.announcements.draftOf(KARIM)?.status).toBe("draft");
  });

  it("drops one's own preview, and refuses when there is none or the number is unknown", () => {
    const stores = centreStores();
    expect(annonceAnnuler.execute(staffContext(stores), { number: undefined }).kind).toBe("refusal");
    annonce.execute(staffContext(stores), { text: "Bonjour" });
    expect(bodyOf(annonceAnnuler.execute(staffContext(stores), { number: undefined }))).toContain("Aperçu abandonné");
    expect(stores.staffAnnouncements.announcements.draftOf(KARIM)).toBeUndefined();
    expect(bodyOf(annonceAnnuler.execute(staffContext(stores), { number: 99 }))).toContain("Je ne trouve aucune annonce programmée n°99");
  });

  it("will not cancel one already sent", () => {
    const stores = centreStores();
    annonce.execute(staffContext(stores), { text: "Bonjour" });
    const id = stores.staffAnnouncements.announcements.draftOf(KARIM)?.id ?? 0;
    annonceConfirmer.execute(staffContext(stores), {});
    expect(bodyOf(annonceAnnuler.execute(staffContext(stores), { number: id }))).toContain("trop tard");
    expect(STAFF_ROOM).toBe(staffContext(stores).settings.staffRoom);
  });
});

describe("!annonce: Markdown nested too deeply", () => {
  it("is refused before anything is prepared, saying how deep and what the limit is", () => {
    const stores = centreStores();
    const result = annonce.execute(staffContext(stores), { text: `#culture ${"> ".repeat(2_000)}Fermeture du centre` });
    expect(result.kind).toBe("refusal");
    expect(bodyOf(result)).toBe(
      "Ce texte imbrique trop de niveaux les uns dans les autres : 2 000 niveaux de citations (>), de listes (-, *, 1.) ou de mises en forme (**, _), pour 10 au plus. Simplifiez-le, puis renvoyez-le. Rien n'a été préparé.",
    );
    expect(stores.staffAnnouncements.announcements.draftOf(KARIM)).toBeUndefined();
    expect(stores.outbox.pendingRooms()).toEqual([]);
  });
});
