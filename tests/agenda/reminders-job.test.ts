import { describe, expect, it } from "vitest";
import { remindersJob } from "../../src/agenda/jobs/reminders.ts";
import { reminderOffsetsSetting } from "../../src/agenda/settings.ts";
import { memoryStores } from "../support/memory-stores.ts";
import { captureLog } from "../support/capture-log.ts";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const ROOM = "!asso:x";
const START = Date.UTC(2026, 11, 3, 17, 30); // Thursday 3 December 2026, 18:30 in Paris

function setup(options: { rrule?: string; createdAt?: number } = {}) {
  const stores = memoryStores();
  stores.rooms.recordJoin(ROOM, 0);
  const event = stores.agenda.events.create(
    { roomId: ROOM, uid: "u@test", title: "Réunion du bureau", location: "Salle des fêtes", description: null, startsAt: START, endsAt: START + HOUR, allDay: false, timeZone: "Europe/Paris", rrule: options.rrule ?? null, createdBy: "@camille:x" },
    options.createdAt ?? START - 7 * DAY,
  );
  stores.agenda.answers.record(event.id, "@camille:x", "yes", "$r1", 1);
  stores.agenda.answers.record(event.id, "@dominique:x", "maybe", "$r2", 2);
  stores.agenda.answers.record(event.id, "@sacha:x", "no", "$r3", 3);
  // Camille's display name is known (sync showed her member event), Dominique's is not.
  const names = { displayName: (roomId: string, userId: string) => (roomId === ROOM && userId === "@camille:x" ? "Camille <Martin>" : undefined) };
  const job = remindersJob(stores, { defaultOffsetsMinutes: [1440, 60], graceMinutes: 30, defaultLanguage: "fr" }, names, () => undefined, captureLog().log);
  const sent = () => {
    const messages: Record<string, unknown>[] = [];
    for (let next = stores.outbox.nextForRoom(ROOM); next !== undefined; next = stores.outbox.nextForRoom(ROOM)) {
      // Intl puts no-break spaces between numbers and units, as French typography wants.
      messages.push({ ...next.content, body: String(next.content["body"]).replace(/[\u00a0\u202f]/g, " ") });
      stores.outbox.markSent(next.id, "$x", 0);
    }
    return messages;
  };
  return { stores, event, job, sent };
}

describe("agenda reminders", () => {
  it("reminds a day and an hour before, once each, notifying those who answered ✅ or ❓ (m.text, named in the body and in m.mentions)", async () => {
    const { job, sent } = setup();
    await job.run(START - DAY - HOUR);
    expect(sent()).toEqual([]);
    await job.run(START - DAY + 10_000);
    await job.run(START - DAY + 40_000);
    const [dayBefore, ...others] = sent();
    expect(others).toEqual([]);
    expect(dayBefore?.["body"]).toMatch(/^⏰ Rappel : Réunion du bureau dans 1 jour, le jeudi 3 décembre, 18:30–19:30 \(heure de Paris\) — 📍 Salle des fêtes/);
    expect(dayBefore?.["msgtype"]).toBe("m.text");
    expect(dayBefore?.["m.mentions"]).toEqual({ user_ids: ["@camille:x", "@dominique:x"] });
    // The display name when Minou knows it, else the Matrix ID: what Synapse 1.67's legacy rules look for.
    expect(dayBefore?.["body"]).toContain("Ont répondu ✅ ou ❓ : Camille <Martin>, @dominique:x");
    expect(dayBefore?.["formatted_body"]).toContain('<a href="https://matrix.to/#/@camille:x">Camille &lt;Martin&gt;</a>, <a href="https://matrix.to/#/@dominique:x">@dominique:x</a>');
    await job.run(START - HOUR + 1_000);
    expect(sent().map((content) => String(content["body"]).slice(0, 40))).toEqual(["⏰ Rappel : Réunion du bureau dans 1 heur"]);
  });

  it("after an outage, sends a reminder missed by less than the grace period late, saying so; skips older ones", async () => {
    const { job, sent } = setup();
    await job.run(START - HOUR + 20 * MINUTE);
    const [late] = sent();
    expect(late?.["body"]).toContain("Ce rappel arrive en retard");
    const other = setup();
    await other.job.run(START - HOUR + 45 * MINUTE);
    expect(other.sent()).toEqual([]);
    await other.job.run(START - HOUR + 46 * MINUTE);
    expect(other.sent()).toEqual([]);
  });

  it("does not remind about a time that was due before the event was created", async () => {
    const { job, sent } = setup({ createdAt: START - 30 * MINUTE });
    await job.run(START - 29 * MINUTE);
    expect(sent()).toEqual([]);
  });

  it("reschedules when the event moves, and follows the room's own delays", async () => {
    const { stores, event, job, sent } = setup();
    await job.run(START - HOUR);
    expect(sent()).toHaveLength(1);
    const moved = START + 2 * DAY;
    stores.agenda.events.update(event.id, { field: "timing", startsAt: moved, endsAt: moved + HOUR, allDay: false, rrule: null }, START - 50 * MINUTE);
    stores.roomSettings.set(ROOM, reminderOffsetsSetting, [30]);
    await job.run(moved - DAY);
    expect(sent()).toEqual([]);
    await job.run(moved - 30 * MINUTE);
    const [reminder, ...others] = sent();
    expect(others).toEqual([]);
    expect(reminder?.["body"]).toMatch(/^⏰ Rappel : Réunion du bureau dans 30 minutes, le samedi 5 décembre, 18:30–19:30/);
  });

  it("reminds each occurrence of a recurring event, and not cancelled ones", async () => {
    const { stores, event, job, sent } = setup({ rrule: "FREQ=WEEKLY" });
    stores.agenda.events.changeOccurrence(event.id, { originalStart: START + 7 * DAY, cancelled: true }, START - 7 * DAY);
    for (const week of [0, 1, 2]) await job.run(START + week * 7 * DAY - HOUR);
    expect(sent()).toHaveLength(2);
  });

  it("a reminder nobody answered still notifies (m.text, no mention); an @room in the title pings nobody", async () => {
    const { stores, event, job, sent } = setup();
    stores.agenda.events.update(event.id, { field: "title", value: "@room Réunion" }, START - 2 * DAY);
    for (const reaction of ["$r1", "$r2", "$r3"]) stores.agenda.answers.withdrawReaction(reaction);
    await job.run(START - HOUR);
    const [reminder] = sent();
    expect(reminder).toMatchObject({ msgtype: "m.text", "m.mentions": {} });
    expect(reminder?.["body"]).not.toMatch(/@room/iu);
    expect(reminder?.["body"]).toContain("@\u2060room Réunion");
  });

  it("one event whose reminder fails does not hold back the others: it is logged once and tried again", async () => {
    const stores = memoryStores();
    const other = "!chorale:x";
    for (const roomId of [ROOM, other]) stores.rooms.recordJoin(roomId, 0);
    for (const [roomId, title] of [[ROOM, "Réunion du bureau"], [other, "Répétition"]] as const) {
      const event = stores.agenda.events.create(
        { roomId, uid: `${title}@test`, title, location: null, description: null, startsAt: START, endsAt: START + HOUR, allDay: false, timeZone: "Europe/Paris", rrule: null, createdBy: "@camille:x" },
        START - 7 * DAY,
      );
      stores.agenda.answers.record(event.id, "@camille:x", "yes", `$r-${roomId}`, 1);
    }
    let broken = true;
    const names = {
      displayName: (roomId: string) => {
        if (broken && roomId === ROOM) throw new Error("names unreadable");
        return undefined;
      },
    };
    const { log, lines } = captureLog();
    const job = remindersJob(stores, { defaultOffsetsMinutes: [60], graceMinutes: 30, defaultLanguage: "fr" }, names, () => undefined, log);
    await job.run(START - HOUR);
    await job.run(START - HOUR + 30_000);
    const bodies = (roomId: string): string[] => {
      const found: string[] = [];
      for (let next = stores.outbox.nextForRoom(roomId); next !== undefined; next = stores.outbox.nextForRoom(roomId)) {
        found.push(String(next.content["body"]));
        stores.outbox.markSent(next.id, "$x", 0);
      }
      return found;
    };
    expect(bodies(other)).toEqual([expect.stringMatching(/^⏰ Rappel : Répétition dans 1\sheure/u)]);
    expect(bodies(ROOM)).toEqual([]);
    const failures = lines.filter((line) => line.includes("scheduled item failed"));
    expect(failures).toHaveLength(1);
    expect(failures[0]).toContain(`"roomId":"${ROOM}"`);
    broken = false;
    await job.run(START - HOUR + 60_000);
    expect(bodies(ROOM)).toEqual([expect.stringMatching(/^⏰ Rappel : Réunion du bureau dans 1\sheure/u)]);
  });
});

