import { describe, expect, it } from "vitest";
import { annonce } from "../../commands/announcements/annonce.ts";
import { annonceConfirmer } from "../../commands/announcements/confirmer.ts";
import { txnIdFor } from "../../src/matrix/txn-id.ts";
import { PIN_ACTION } from "../../src/pipeline/outbox-sender.ts";
import { DeliveryRecorder, liveAnnouncementProgress } from "../../src/staff-announcements/delivery.ts";
import { PIN_PURPOSE } from "../../src/staff-announcements/model.ts";
import type { Stores } from "../../storage/index.ts";
import { FIXED_NOW } from "../support/command-context.ts";
import { centreStores, KARIM, staffContext, STAFF_ROOM } from "./fixtures.ts";

const FORBIDDEN = { reason: "403 M_FORBIDDEN User not in room (after 1 attempt)", status: 403, errcode: "M_FORBIDDEN" };

/** Confirms `text` from the staff room and returns the announcement's id. */
function confirmed(stores: Stores, text: string): number {
  annonce.execute(staffContext(stores), { text });
  const id = stores.staffAnnouncements.announcements.draftOf(KARIM)?.id ?? 0;
  annonceConfirmer.execute(staffContext(stores), {});
  return id;
}

const staffMessages = (stores: Stores) => stores.outbox.pending(100).filter((message) => message.roomId === STAFF_ROOM);

describe("DeliveryRecorder", () => {
  it("records each room once, and the last one finishes the announcement with one report", () => {
    const stores = centreStores();
    const id = confirmed(stores, "Bonjour");
    const recorder = new DeliveryRecorder(stores, "fr");
    recorder.delivered(String(id), "!chorale:minou.test", "$c", FIXED_NOW);
    recorder.delivered(String(id), "!chorale:minou.test", "$again", FIXED_NOW);
    recorder.failed(String(id), "!jardins:minou.test", FORBIDDEN, FIXED_NOW);
    expect(stores.staffAnnouncements.deliveries.counts(id)).toMatchObject({ total: 3, delivered: 1, failed: 1 });
    expect(staffMessages(stores)).toEqual([]);
    expect(stores.staffAnnouncements.announcements.get(id)?.status).toBe("sending");

    recorder.delivered(String(id), "!ados:minou.test", "$a", FIXED_NOW);
    recorder.failed(String(id), "!ados:minou.test", FORBIDDEN, FIXED_NOW);
    expect(stores.staffAnnouncements.announcements.get(id)?.status).toBe("done");
    const [report, ...others] = staffMessages(stores);
    expect(others).toEqual([]);
    expect(report?.txnId).toBe(txnIdFor(`staff-announcement-report:${id}`));
    const body = String(report?.content["body"]);
    expect(body).toContain(`Annonce n°${id} — rapport d'envoi`);
    expect(body).toContain("Reçue dans 2 salons sur 3.");
    expect(body).toContain("Pas reçue (1) :\n\n• Jardins partagés — je ne suis plus dans ce salon, ou je n'ai pas le droit d'y écrire (403)");
    expect(body).toContain("Salons qui l'ont reçue : Chorale des Tilleuls, Club ados");
    expect(stores.staffAnnouncements.deliveries.of(id).find((delivery) => delivery.roomId === "!chorale:minou.test")?.eventId).toBe("$c");
  });

  it("pins after delivery where Minou may, skips rooms where it knows it may not, and waits for pins before reporting", () => {
    const stores = centreStores();
    stores.rooms.setMissingPowers("!ados:minou.test", ["pin"]);
    const id = confirmed(stores, "épingler Permanence numérique jeudi");
    const recorder = new DeliveryRecorder(stores, "fr");
    for (const roomId of ["!chorale:minou.test", "!ados:minou.test", "!jardins:minou.test"]) recorder.delivered(String(id), roomId, `$${roomId}`, FIXED_NOW);
    const pins = stores.outbox.pending(100).filter((message) => message.eventType === PIN_ACTION);
    expect(pins.map((pin) => [pin.roomId, pin.content["event_id"], pin.purpose])).toEqual([
      ["!chorale:minou.test", "$!chorale:minou.test", PIN_PURPOSE],
      ["!jardins:minou.test", "$!jardins:minou.test", PIN_PURPOSE],
    ]);
    expect(stores.staffAnnouncements.announcements.get(id)?.status).toBe("sending");
    recorder.pinSettled(String(id), "!chorale:minou.test", undefined, FIXED_NOW);
    recorder.pinSettled(String(id), "!jardins:minou.test", FORBIDDEN, FIXED_NOW);
    expect(stores.staffAnnouncements.announcements.get(id)?.status).toBe("done");
    expect(String(staffMessages(stores)[0]?.content["body"])).toContain("Épinglée dans 1 salon. Pas épinglée dans 2 salons, faute du droit d'épingler : Club ados, Jardins partagés.");
  });
});

describe("the progress line", () => {
  it("is edited once the progress message is known, counting rooms as they settle, then says it is finished", () => {
    const stores = centreStores();
    const id = confirmed(stores, "Bonjour");
    const recorder = new DeliveryRecorder(stores, "fr");
    const source = liveAnnouncementProgress(stores, "fr");
    recorder.delivered(String(id), "!chorale:minou.test", "$c", FIXED_NOW);
    expect(source.due(FIXED_NOW)).toEqual([]);
    stores.staffAnnouncements.announcements.setProgressEvent(id, "$progress");
    recorder.failed(String(id), "!ados:minou.test", FORBIDDEN, FIXED_NOW + 5_000);
    // Dirty since the first change, so a long broadcast still gets edited along the way.
    expect(source.due(FIXED_NOW)).toEqual([id]);
    const edit = source.takeEdit(id);
    expect([edit?.roomId, edit?.originalEventId, edit?.revision]).toEqual([STAFF_ROOM, "$progress", 1]);
    expect(edit?.content["body"]).toBe(`📣 Annonce n°${id} — envoi : 2/3 salons · 1 échec`);
    expect(source.hasPending()).toBe(false);
    recorder.delivered(String(id), "!jardins:minou.test", "$j", FIXED_NOW);
    expect(source.takeEdit(id)?.content["body"]).toBe(`📣 Annonce n°${id} — envoi terminé : 2/3 salons · 1 échec (rapport ci-dessous).`);
  });
});
