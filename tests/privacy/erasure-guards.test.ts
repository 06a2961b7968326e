import { describe, expect, it } from "vitest";
import { AgendaReactions } from "../../src/agenda/agenda-reactions.ts";
import { recountPoll } from "../../src/polls/poll-deadlines.ts";
import { PollEvents } from "../../src/polls/poll-events.ts";
import { personalDataParts } from "../../src/privacy/parts.ts";
import { retentionPurgeJob } from "../../src/privacy/retention-job.ts";
import { ReactionHandler } from "../../src/reactions/reaction-handler.ts";
import type { MatrixEvent } from "../../storage/inbound-events-store.ts";
import { RecordingTransport } from "../support/recording-transport.ts";
import { captureLog } from "../support/capture-log.ts";
import { addEvent, addPoll, CAMILLE, DAY, DOMINIQUE, NOW, ROOM, storesWithRoom } from "./fixtures.ts";

const RETENTION = { handledEventsDays: 30, pastEventsDays: 365, closedPollsDays: 90, finishedTrainingsDays: 365 };

const response = (id: string, sender: string, answer: string, ts: number): MatrixEvent => ({
  event_id: id, type: "org.matrix.msc3381.poll.response", sender, origin_server_ts: ts,
  content: { "m.relates_to": { rel_type: "m.reference", event_id: "$start" }, "org.matrix.msc3381.poll.response": { answers: [answer] } },
});

describe("after a member erased their data", () => {
  it("a recount does not bring back their Element poll responses from before, but counts later ones", async () => {
    const stores = storesWithRoom();
    const poll = addPoll(stores, "question");
    stores.privacy.erasedMembers.record(CAMILLE, NOW);
    const transport = new RecordingTransport();
    transport.relationsOf["$start"] = [response("$old", CAMILLE, "a1", NOW - 1000), response("$dom", DOMINIQUE, "a2", NOW - 500)];
    expect(await recountPoll(stores, transport, poll, { maxAttempts: 1, initialDelayMs: 1, maxDelayMs: 1 })).toBe(1);
    expect(stores.polls.votes.responses(poll.id).map((stored) => stored.sender)).toEqual([DOMINIQUE]);
    transport.relationsOf["$start"]?.push(response("$new", CAMILLE, "a1", NOW + 1000));
    expect(await recountPoll(stores, transport, poll, { maxAttempts: 1, initialDelayMs: 1, maxDelayMs: 1 })).toBe(1);
    expect(stores.polls.votes.responses(poll.id).map((stored) => stored.eventId)).toEqual(["$dom", "$new"]);
  });

  it("a response from before the erasure arriving late (sync) is ignored", async () => {
    const stores = storesWithRoom();
    const poll = addPoll(stores, "question");
    stores.privacy.erasedMembers.record(CAMILLE, NOW);
    const handler = new PollEvents(stores, "@minou:x", { timeZone: "Europe/Paris", language: "fr" });
    const effect = await handler.prepare({ seq: 1, eventId: "$late", roomId: ROOM, event: response("$late", CAMILLE, "a1", NOW - 10) });
    expect(effect?.()).toBe("poll-response-erased");
    expect(stores.polls.votes.responses(poll.id)).toEqual([]);
  });

  it("a reaction from before the erasure arriving late is ignored, a new one counts", async () => {
    const stores = storesWithRoom();
    const event = addEvent(stores, "Fête", NOW + DAY);
    stores.agenda.events.setAnnouncement(event.id, "$announce");
    stores.privacy.erasedMembers.record(CAMILLE, NOW);
    const handler = new ReactionHandler([new AgendaReactions(stores, () => NOW, () => undefined)], "@minou:x", (sender, sentAt) => stores.privacy.erasedMembers.sentBeforeErasure(sender, sentAt));
    const reaction = (id: string, ts: number): MatrixEvent => ({ event_id: id, type: "m.reaction", sender: CAMILLE, origin_server_ts: ts, content: { "m.relates_to": { rel_type: "m.annotation", event_id: "$announce", key: "✅" } } });
    expect((await handler.prepare({ seq: 1, eventId: "$old", roomId: ROOM, event: reaction("$old", NOW - 10) }))?.()).toBe("reaction-before-erasure");
    expect((await handler.prepare({ seq: 2, eventId: "$new", roomId: ROOM, event: reaction("$new", NOW + 10) }))?.()).toBe("agenda-answer-yes");
    expect(stores.agenda.answers.counts(event.id)).toEqual({ yes: 1, maybe: 0, no: 0 });
  });
});

describe("the retention purge job", () => {
  it("runs each feature's purge at most once a day, and is harmless when run again", () => {
    const stores = storesWithRoom();
    const job = retentionPurgeJob(stores, personalDataParts, RETENTION, captureLog().log);
    const old = addEvent(stores, "Vieille fête", NOW - 400 * DAY);
    const soon = addEvent(stores, "Fête de l'an passé", NOW - 365 * DAY + 3600_000);
    const poll = addPoll(stores, "dates");
    stores.polls.polls.close(poll.id, DOMINIQUE, NOW - 91 * DAY);
    void job.run(NOW);
    expect(stores.agenda.events.get(old.id)).toBeUndefined();
    expect(stores.polls.polls.get(poll.id)).toBeUndefined();
    expect(stores.agenda.events.get(soon.id)).toBeDefined();
    // Three hours later the event is past its year, but the next purge waits for the next day.
    void job.run(NOW + 3 * 3600_000);
    expect(stores.agenda.events.get(soon.id)).toBeDefined();
    void job.run(NOW + DAY);
    expect(stores.agenda.events.get(soon.id)).toBeUndefined();
    void job.run(NOW + 2 * DAY);
    expect(stores.agenda.events.inRoom(ROOM)).toEqual([]);
  });

  it("uses the indexes it relies on", () => {
    const stores = storesWithRoom();
    const plan = (sql: string): string => stores.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all().map((row) => String((row as { detail: string }).detail)).join(" | ");
    expect(plan("SELECT id FROM agenda_events WHERE ends_at < 1")).toContain("agenda_events_ends");
    expect(plan("DELETE FROM polls WHERE closed_at < 1")).toContain("polls_closed");
    expect(plan("DELETE FROM training_sessions WHERE ends_at < 1")).toContain("training_sessions_ends");
    expect(plan("DELETE FROM agenda_answers WHERE user_id = 'x'")).toContain("agenda_answers_user");
    expect(plan("DELETE FROM poll_responses WHERE sender = 'x'")).toContain("poll_responses_sender");
    expect(plan("SELECT * FROM training_registrations WHERE user_id = 'x'")).toContain("training_registrations_user");
  });
});

describe("data minimisation in the pipeline", () => {
  it("keeps only the id of a handled message, and only the ids of a sent reply", () => {
    const stores = storesWithRoom();
    const message: MatrixEvent = { event_id: "$m", type: "m.room.message", sender: CAMILLE, origin_server_ts: NOW, content: { body: "!agenda ajouter demain 18h Anniversaire de Camille" } };
    stores.inbound.record(ROOM, message, NOW);
    expect(stores.inbound.pending(1)[0]?.event.content["body"]).toContain("Anniversaire");
    stores.inbound.markHandled("$m", "answered", NOW);
    stores.inbound.recordSkipped(ROOM, { ...message, event_id: "$old" }, NOW, "history");
    stores.outbox.enqueue({ txnId: "t1", roomId: "", targetUser: CAMILLE, eventType: "m.room.message", content: { body: "Vos données" }, context: `export for ${CAMILLE}`, attachment: { filename: "d.json", mimeType: "application/json", data: Buffer.from("{}") } }, NOW);
    const queued = stores.outbox.nextForRoom("");
    stores.outbox.markSent(queued?.id ?? 0, "$sent", NOW);
    expect(stores.outbox.sentEventId("t1")).toBe("$sent");
    expect(stores.db.prepare("SELECT event FROM inbound_events").pluck().all()).toEqual(["{}", "{}"]);
    expect(stores.db.prepare("SELECT content || context || coalesce(attachment, '') FROM outbox").pluck().all()).toEqual(["{}"]);
  });
});
