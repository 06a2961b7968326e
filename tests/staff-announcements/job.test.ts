import { describe, expect, it } from "vitest";
import { annonce } from "../../commands/announcements/annonce.ts";
import { annonceConfirmer } from "../../commands/announcements/confirmer.ts";
import { txnIdFor } from "../../src/matrix/txn-id.ts";
import { scheduledAnnouncementsJob } from "../../src/staff-announcements/job.ts";
import { PROGRESS_PURPOSE } from "../../src/staff-announcements/model.ts";
import type { Stores } from "../../storage/index.ts";
import { captureLog } from "../support/capture-log.ts";
import { centreStores, KARIM, staffContext, STAFF_ROOM } from "./fixtures.ts";

const HOUR = 3_600_000;
const NO_NAMES = { displayName: () => undefined };

/** Schedules `text` for tomorrow 18:00 Paris (FIXED_NOW is Thursday 10:00 there); returns id and instant. */
function scheduled(stores: Stores, text: string): { id: number; at: number } {
  annonce.execute(staffContext(stores), { text: `programmer demain 18h -- ${text}` });
  const draft = stores.staffAnnouncements.announcements.draftOf(KARIM);
  annonceConfirmer.execute(staffContext(stores), {});
  return { id: draft?.id ?? 0, at: draft?.sendAt ?? 0 };
}

describe("scheduledAnnouncementsJob", () => {
  it("sends nothing before its time, then everything once, with a progress line in the staff room", () => {
    const stores = centreStores();
    const { id, at } = scheduled(stores, "Fête du centre samedi !");
    expect(at).toBe(Date.UTC(2026, 10, 27, 17, 0));
    let woken = 0;
    const job = scheduledAnnouncementsJob(stores, "fr", NO_NAMES, () => (woken += 1), captureLog().log);
    job.run(at - 1);
    expect(stores.outbox.pendingRooms()).toEqual([]);

    // A room tagged after confirmation… no tags here, but a room joined since counts.
    stores.rooms.recordJoin("!nouveaux:minou.test", at - HOUR);
    stores.rooms.setName("!nouveaux:minou.test", "Nouvelle asso");
    job.run(at);
    job.run(at + 1);
    const queued = stores.outbox.pending(100);
    expect(woken).toBe(1);
    expect(queued.filter((message) => message.roomId !== STAFF_ROOM).map((message) => message.roomId)).toEqual([
      "!chorale:minou.test",
      "!ados:minou.test",
      "!jardins:minou.test",
      "!nouveaux:minou.test",
    ]);
    const progress = queued.find((message) => message.roomId === STAFF_ROOM);
    expect([progress?.purpose, progress?.purposeRef, progress?.txnId]).toEqual([PROGRESS_PURPOSE, String(id), txnIdFor(`staff-announcement-progress:${id}`)]);
    expect(progress?.content["body"]).toBe(`📣 Annonce n°${id} — envoi : 0/4 salons`);
    expect(stores.staffAnnouncements.announcements.get(id)?.status).toBe("sending");
  });

  it("does not send a cancelled one", () => {
    const stores = centreStores();
    const { id, at } = scheduled(stores, "Annulé");
    stores.staffAnnouncements.announcements.cancelScheduled(id, KARIM);
    scheduledAnnouncementsJob(stores, "fr", NO_NAMES, () => undefined, captureLog().log).run(at);
    expect(stores.outbox.pendingRooms()).toEqual([]);
  });

  it("tells the staff instead of sending one more than six hours late", () => {
    const stores = centreStores();
    const { id, at } = scheduled(stores, "Ce soir, salle fermée");
    scheduledAnnouncementsJob(stores, "fr", NO_NAMES, () => undefined, captureLog().log).run(at + 7 * HOUR);
    const queued = stores.outbox.pending(100);
    expect(queued.map((message) => message.roomId)).toEqual([STAFF_ROOM]);
    // Nobody is watching at that moment: the warning notifies its author.
    expect(queued[0]?.content).toMatchObject({ msgtype: "m.text", "m.mentions": { user_ids: [KARIM] } });
    expect(String(queued[0]?.content["body"])).toContain(`⚠️ ${KARIM} : l'annonce n°${id}, programmée pour le vendredi 27 novembre 2026 à 18:00 (heure de Paris), n'est pas partie`);
    expect(stores.staffAnnouncements.announcements.get(id)?.status).toBe("cancelled");
  });

  it("tells the staff room as a whole when the late announcement's author erased their data", () => {
    const stores = centreStores();
    const { at } = scheduled(stores, "Ce soir, salle fermée");
    stores.staffAnnouncements.announcements.forgetMember(KARIM);
    scheduledAnnouncementsJob(stores, "fr", NO_NAMES, () => undefined, captureLog().log).run(at + 7 * HOUR);
    const [late] = stores.outbox.pending(100);
    expect(late?.content).toMatchObject({ msgtype: "m.text" });
    expect(late?.content["m.mentions"]).toEqual({});
    expect(String(late?.content["body"])).toMatch(/^⚠️ L'annonce n°\d+, programmée pour le vendredi 27 novembre 2026/);
  });

  it("finishes at once when no room is left to send to", () => {
    const stores = centreStores();
    const { id, at } = scheduled(stores, "Personne");
    for (const roomId of ["!chorale:minou.test", "!ados:minou.test", "!jardins:minou.test"]) stores.rooms.recordLeave(roomId, at - 1);
    scheduledAnnouncementsJob(stores, "fr", NO_NAMES, () => undefined, captureLog().log).run(at);
    expect(stores.outbox.pending(10).map((message) => message.content["body"])).toEqual([`📣 Annonce n°${id} : aucun salon visé, rien n'a été envoyé.`]);
    expect(stores.staffAnnouncements.announcements.get(id)?.status).toBe("done");
  });

  it("one announcement that fails to leave does not hold back the others: logged once, it stays scheduled", () => {
    const stores = centreStores();
    const poisoned = scheduled(stores, "Première annonce");
    const healthy = scheduled(stores, "Seconde annonce");
    const { deliveries } = stores.staffAnnouncements;
    const address = deliveries.address.bind(deliveries);
    deliveries.address = (id, rooms) => {
      if (id === poisoned.id) throw new Error("poisoned");
      address(id, rooms);
    };
    const { log, lines } = captureLog();
    const job = scheduledAnnouncementsJob(stores, "fr", NO_NAMES, () => undefined, log);
    job.run(poisoned.at);
    job.run(poisoned.at + 30_000);
    expect(stores.staffAnnouncements.announcements.get(healthy.id)?.status).toBe("sending");
    expect(stores.staffAnnouncements.announcements.get(poisoned.id)?.status).toBe("scheduled");
    expect(lines.filter((line) => line.includes("scheduled item failed") && line.includes(`"announcement":${poisoned.id}`))).toHaveLength(1);
  });
});

