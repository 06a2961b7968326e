import { describe, expect, it } from "vitest";
import { JobItems } from "../../src/jobs/job-items.ts";
import { expireOffers, promoteWaiting, signUp, withdraw } from "../../src/trainings/seats.ts";
import { trainingRemindersJob } from "../../src/trainings/jobs.ts";
import type { Stores } from "../../storage/index.ts";
import { memoryStores } from "../support/memory-stores.ts";
import { captureLog } from "../support/capture-log.ts";

const HOUR = 3_600_000;
const NOW = Date.UTC(2026, 10, 26, 9, 0);
const START = NOW + 7 * 24 * HOUR;
const messaging = { language: "fr" as const, prefix: "!" };
const offers = (stores: Stores): JobItems => new JobItems("training-offers", stores, captureLog().log);

function setup(capacity = 2, confirmationHours: number | null = null) {
  const stores = memoryStores();
  const trainingId = stores.trainings.trainings.createTraining("Initiation Nextcloud", null, "@equipe:x", NOW);
  const session = stores.trainings.trainings.addSession({ trainingId, uid: "s@test", startsAt: START, endsAt: START + 2 * HOUR, timeZone: "Europe/Paris", capacity, location: "Salle 2", confirmationHours }, NOW);
  return { stores, session };
}

/** Direct messages queued so far, as "user: first words". */
function directMessages(stores: Stores): string[] {
  const messages: string[] = [];
  for (let next = stores.outbox.nextForRoom(""); next !== undefined; next = stores.outbox.nextForRoom("")) {
    messages.push(`${next.targetUser ?? ""}: ${String(next.content["body"])}`);
    stores.outbox.markSent(next.id, "$x", 0);
  }
  return messages;
}

describe("training seats", () => {
  it("fills the seats, then the waiting list in order, and refuses a second sign-up", () => {
    const { stores, session } = setup(2);
    expect(["@a:x", "@b:x", "@c:x", "@d:x", "@e:x"].map((user, index) => signUp(stores, session, user, NOW + index).kind)).toEqual(["registered", "registered", "waiting", "waiting", "waiting"]);
    expect(signUp(stores, session, "@d:x", NOW + 10)).toMatchObject({ kind: "already", position: 2 });
    expect(stores.trainings.trainings.counts(session)).toEqual({ registered: 2, offered: 0, waiting: 3, placesLeft: 0 });
  });

  it("promotes the first person waiting when a seat frees, and tells them by direct message", () => {
    const { stores, session } = setup(2);
    for (const [index, user] of ["@a:x", "@b:x", "@c:x", "@d:x", "@e:x"].entries()) signUp(stores, session, user, NOW + index);
    expect(withdraw(stores, session, "@b:x", NOW + 100, messaging)).toMatchObject({ kind: "withdrawn", was: "registered", promoted: [{ userId: "@c:x" }] });
    expect(withdraw(stores, session, "@a:x", NOW + 200, messaging)).toMatchObject({ promoted: [{ userId: "@d:x" }] });
    expect(withdraw(stores, session, "@e:x", NOW + 300, messaging)).toMatchObject({ was: "waiting", promoted: [] });
    expect(withdraw(stores, session, "@zz:x", NOW + 300, messaging)).toEqual({ kind: "notRegistered" });
    expect(directMessages(stores)).toEqual([expect.stringMatching(/^@c:x: Bonne nouvelle : une place s'est libérée pour « Initiation Nextcloud », le jeudi 3 décembre de 10:00 à 12:00 \(heure de Paris\), et elle vous revient : votre inscription est faite\./), expect.stringMatching(/^@d:x: Bonne nouvelle/)]);
    // Signing up again goes to the back of the line.
    expect(signUp(stores, session, "@b:x", NOW + 400)).toMatchObject({ kind: "waiting", position: 1 });
  });

  it("with a confirmation window, holds the seat, then passes it on when not confirmed in time", () => {
    const { stores, session } = setup(1, 48);
    for (const [index, user] of ["@a:x", "@b:x", "@c:x"].entries()) signUp(stores, session, user, NOW + index);
    withdraw(stores, session, "@a:x", NOW + 10, messaging);
    expect(stores.trainings.registrations.of(session.id, "@b:x")).toMatchObject({ status: "offered", offerExpiresAt: NOW + 10 + 48 * HOUR });
    expect(stores.trainings.trainings.counts(session).placesLeft).toBe(0);
    expect(expireOffers(stores, NOW + 47 * HOUR, messaging, offers(stores))).toBe(0);
    expect(expireOffers(stores, NOW + 49 * HOUR, messaging, offers(stores))).toBe(1);
    expect(stores.trainings.registrations.of(session.id, "@b:x")?.status).toBe("expired");
    expect(stores.trainings.registrations.of(session.id, "@c:x")?.status).toBe("offered");
    expect(directMessages(stores)).toEqual([
      expect.stringMatching(/^@b:x: Bonne nouvelle : .* Confirmez dans les 48 heures avec !formation confirmer/),
      expect.stringMatching(/^@b:x: Le délai pour confirmer votre place/),
      expect.stringMatching(/^@c:x: Bonne nouvelle/),
    ]);
  });

  it("promotes as many as new places allow when the capacity grows", () => {
    const { stores, session } = setup(1);
    for (const [index, user] of ["@a:x", "@b:x", "@c:x", "@d:x"].entries()) signUp(stores, session, user, NOW + index);
    stores.trainings.trainings.setCapacity(session.id, 3, NOW + 5);
    const promoted = promoteWaiting(stores, stores.trainings.trainings.session(session.id) ?? session, NOW + 5, messaging);
    expect(promoted.map((registration) => registration.userId)).toEqual(["@b:x", "@c:x"]);
  });

  it("refuses sign-ups to a cancelled or started session", () => {
    const { stores, session } = setup(2);
    expect(signUp(stores, session, "@a:x", START + 1)).toEqual({ kind: "unavailable", reason: "started" });
    stores.trainings.trainings.cancel(session.id, NOW);
    expect(signUp(stores, stores.trainings.trainings.session(session.id) ?? session, "@a:x", NOW)).toEqual({ kind: "unavailable", reason: "cancelled" });
  });

  it("reminds each registered member once, the day before", async () => {
    const { stores, session } = setup(2);
    signUp(stores, session, "@a:x", NOW);
    signUp(stores, session, "@b:x", NOW);
    signUp(stores, session, "@c:x", NOW);
    const job = trainingRemindersJob(stores, messaging, () => undefined, captureLog().log);
    await job.run(START - 25 * HOUR);
    expect(directMessages(stores)).toEqual([]);
    await job.run(START - 23 * HOUR);
    await job.run(START - 22 * HOUR);
    expect(directMessages(stores)).toEqual([expect.stringMatching(/^@a:x: ⏰ Rappel : la formation « Initiation Nextcloud » a lieu le jeudi 3 décembre de 10:00 à 12:00 \(heure de Paris\), lieu : Salle 2\./), expect.stringMatching(/^@b:x: ⏰ Rappel/)]);
  });
});
