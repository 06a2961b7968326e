// Issue 13, "Tests and figures": a few thousand hostile inputs, built from the real command table,
// through the real Minou on the test homeserver. Deterministic: FUZZ_SEED replays (or varies) a
// run, FUZZ_INPUTS changes its size; the figures are printed at the end either way, and
// FUZZ_REPORT=<file> writes every problem with the input that caused it, as JSON.
import { writeFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { allCommands } from "../../commands/index.ts";
import { txnIdFor } from "../../src/matrix/txn-id.ts";
import type { Minou } from "../../src/minou.ts";
import type { ClientEvent } from "../homeserver/types.ts";
import { createRoom, enc, RawClient } from "../homeserver/raw-client.ts";
import { addressingOf, isBarePrefix, isBehindRightToLeftControl, isObject, readsAsCommand, repliedTo, REPLYING_EDIT_OUTCOMES } from "../support/fuzz/classify.ts";
import { brokenCut, cutInsideCharacter, inspectHtml } from "../support/fuzz/output-checks.ts";
import { InputGenerator, type FuzzAccount, type FuzzRoomPlan } from "../support/fuzz/inputs.ts";
import { fuzzSeed, Random } from "../support/fuzz/random.ts";
import { FuzzSender, type Delivery } from "../support/fuzz/send.ts";
import { createScenario, startMinou, type Scenario } from "../support/scenario.ts";
import { waitFor } from "../support/wait.ts";

const SEED = fuzzSeed(20_260_613);
const INPUT_COUNT = Number(process.env["FUZZ_INPUTS"] ?? 2_400);
if (!Number.isSafeInteger(INPUT_COUNT) || INPUT_COUNT < 1) throw new Error(`FUZZ_INPUTS must be a positive integer, got ${process.env["FUZZ_INPUTS"]}`);
const ASSOCIATION_ROOMS = 5;
/** What Matrix allows for one event (spec: "Size limits"). */
const MAX_EVENT_BYTES = 65_536;
/** How long a fresh `!aide` may take once the fuzz is over. */
const PROBE_TIMEOUT_MS = 5_000;

const ACCOUNTS: readonly FuzzAccount[] = [
  { localpart: "oceane", role: "owner" },
  { localpart: "modeste", role: "moderator" },
  { localpart: "morgane", role: "moderator" },
  { localpart: "camille", role: "member" },
  { localpart: "dominique", role: "member" },
  { localpart: "eve", role: "member" },
  // The scenario's config lists @equipe as staff.
  { localpart: "equipe", role: "staff" },
];
const DIRECT_ACCOUNT: FuzzAccount = { localpart: "alix", role: "member" };

/**
 * The outcomes Minou records (inbound_events.outcome) for which a message that looks like a
 * command may go unanswered, each with the rule that allows it.
 */
const IGNORE_RULES = {
  // "!" alone, or followed only by blanks and invisible marks, names no command: Minou stays quiet
  // rather than answer every stray exclamation mark.
  "bare-prefix": ["ignored"],
  // Deleted by its author or a moderator before Minou got to it: withdrawn from the inbox
  // (inbound-events-store `withdrawPending`, or served already redacted), never acted on.
  "redacted-before-handled": ["redacted"],
  // Behind a right-to-left embedding, override or isolate the prefix shows after the command word
  // ("aide!"): Minou may take it as the command or leave it. Left-to-right and plain marks (LRM,
  // RLM, ALM…) change nothing on screen and give no such leave.
  "right-to-left-control": ["ignored"],
  // A replacement whose fallback body starts with "!" is an edit, not a new message: Minou reads
  // m.new_content and answers the original (README "Corriger une commande"), or nothing when the
  // original was carried out already, was not a command, is unknown or is someone else's.
  edit: ["ignored", "edit-ignored", "edit-explained", "edit-answered", "edit-unknown", "edit-refused", "edit-bad-arguments", "redacted"],
  // An invalid replacement whose fallback body reads as a command: hidden by clients, its relation
  // to be ignored (spec: "Validity of replacement events"). Minou may answer its body once, leave
  // it, or read it as an edit all the same (an m.new_content array passes for an object in JS).
  "malformed-edit": ["ignored", "edit-ignored", "edit-explained", "edit-answered", "edit-unknown", "edit-refused", "edit-bad-arguments", "redacted"],
} as const satisfies Record<string, readonly string[]>;

type IgnoreRule = keyof typeof IGNORE_RULES;

/** One thing that went wrong, with what it takes to reproduce it. */
interface Problem {
  readonly kind: string;
  readonly detail: string;
  readonly delivery?: Delivery;
}

/** JSON of a value, shortened, with invisible and direction marks spelt out (a right-to-left override would turn the line around). */
const excerptOf = (value: unknown, max = 160): string => {
  const json = JSON.stringify(value) ?? String(value);
  const short = json.length > max ? `${json.slice(0, max)}… (${json.length} chars)` : json;
  return short.replace(/[\p{Cf}\p{Cc}\p{Zl}\p{Zp}\u00A0\u3000]/gu, (mark) => `\\u${(mark.codePointAt(0) ?? 0).toString(16).padStart(4, "0")}`);
};

describe("Minou under a fuzz of hostile inputs (raw HTTP members, real bot)", () => {
  let scenario: Scenario;
  let minou: Minou;
  let logLines: string[];
  let roomIds: string[];
  let deliveries: Delivery[];
  const accounts = new Map<string, { userId: string; accessToken: string }>();
  let minouEvents: ClientEvent[];
  const problems = new Map<string, Problem[]>();
  const figures: Record<string, unknown> = {};
  const startedAt = Date.now();

  const report = (kind: string, detail: string, delivery?: Delivery): void => {
    problems.set(kind, [...(problems.get(kind) ?? []), { kind, detail, ...(delivery === undefined ? {} : { delivery }) }]);
  };
  const problemsOf = (...kinds: string[]): string[] => kinds.flatMap((kind) => (problems.get(kind) ?? []).map((problem) => `${problem.kind}: ${problem.detail}`));

  beforeAll(async () => {
    scenario = await createScenario({
      // Off, in effect: a flood guard that mutes a member would hide what Minou does with the rest.
      floodGuard: { maxCommands: 1_000_000, perSeconds: 1, muteSeconds: 1 },
      logLevel: "warn",
      editDebounceSeconds: 0,
      // No request leaves the machine for the links members post.
      documents: { linkCheck: { enabled: false } },
    });
    const { homeserver, bot } = scenario;
    for (const account of [...ACCOUNTS, DIRECT_ACCOUNT]) accounts.set(account.localpart, await homeserver.registerUser(account.localpart));
    const userId = (localpart: string): string => accounts.get(localpart)?.userId ?? "";
    const owner = new RawClient(homeserver.url, accounts.get("oceane")?.accessToken, userId("oceane"));

    // Minou's own power varies: it may pin and redact in some rooms, not in others.
    const minouLevels = [100, 50, 0, 100, 50];
    roomIds = [];
    for (let room = 0; room < ASSOCIATION_ROOMS; room += 1) {
      roomIds.push(
        await createRoom(owner, {
          preset: "private_chat",
          name: `Association ${room + 1}`,
          invite: [bot.userId, ...ACCOUNTS.filter((account) => account.role !== "owner").map((account) => userId(account.localpart))],
          power_level_content_override: { users: { [userId("oceane")]: 100, [userId("modeste")]: 50, [userId("morgane")]: 50, [bot.userId]: minouLevels[room] ?? 0 } },
        }),
      );
    }
    const direct = new RawClient(homeserver.url, accounts.get("alix")?.accessToken, userId("alix"));
    roomIds.push(await createRoom(direct, { preset: "trusted_private_chat", is_direct: true, invite: [bot.userId] }));
    for (const account of ACCOUNTS.filter((candidate) => candidate.role !== "owner")) {
      const client = new RawClient(homeserver.url, accounts.get(account.localpart)?.accessToken, userId(account.localpart));
      for (const roomId of roomIds.slice(0, ASSOCIATION_ROOMS)) {
        const joined = await client.post(`/rooms/${enc(roomId)}/join`, {});
        if (joined.status !== 200) throw new Error(`${account.localpart} could not join ${roomId}: ${joined.status}`);
      }
    }

    // Staff announcements leave from the staff room only: the first association room is it.
    scenario = { ...scenario, config: { ...scenario.config, staffRoom: roomIds[0] ?? "" } };
    ({ minou, logLines } = await startMinou(scenario));
    for (const roomId of roomIds) {
      await waitFor(() => homeserver.stateContent(roomId, "m.room.member", bot.userId)?.["membership"] === "join", `Minou to join ${roomId}`);
    }

    const plans: FuzzRoomPlan[] = [...roomIds.slice(0, ASSOCIATION_ROOMS).map(() => ({ accounts: ACCOUNTS, direct: false })), { accounts: [DIRECT_ACCOUNT], direct: true }];
    const inputs = new InputGenerator(new Random(SEED), allCommands, plans).generate(INPUT_COUNT);
    const sendingAt = Date.now();
    deliveries = await new FuzzSender(homeserver, accounts, roomIds, bot.userId).sendAll(inputs);
    figures["sending (ms)"] = Date.now() - sendingAt;

    // Everything sent is handled and every message Minou queued has left (or failed).
    const sent = new Set(deliveries.flatMap((delivery) => (delivery.eventId === undefined ? [] : [delivery.eventId])));
    const drainingAt = Date.now();
    await waitFor(
      () => {
        for (const eventId of sent) if (minou.stores.inbound.isHandled(eventId)) sent.delete(eventId);
        return sent.size === 0 && minou.stores.outbox.pending(1).length === 0;
      },
      "Minou to handle every input and send every answer",
      120_000,
    );
    await new Promise((resolve) => setTimeout(resolve, 500));
    await waitFor(() => minou.stores.outbox.pending(1).length === 0, "the last live edits", 30_000);
    figures["draining after the last send (ms)"] = Date.now() - drainingAt;

    const minouRooms = new Set([...roomIds, ...minou.stores.rooms.withMembership("join").map((room) => room.roomId)]);
    minouEvents = [...minouRooms].flatMap((roomId) => homeserver.roomEvents(roomId).filter((event) => event.sender === bot.userId));
  }, 240_000);

  afterAll(async () => {
    await minou?.stop();
    await scenario?.homeserver.close();
    figures["run time (s)"] = ((Date.now() - startedAt) / 1000).toFixed(1);
    const order = ["inputs generated", "sent", "refused by the homeserver", "refusals by answer", "command-looking (prefix or addressed by name)", "answered exactly once", "ignored by rule", "largest reply from Minou (bytes)", "largest message from Minou (bytes)", "failed outbox rows", "stuck rooms"];
    const rank = (name: string): number => (order.includes(name) ? order.indexOf(name) : order.length);
    const lines = Object.entries(figures).sort(([a], [b]) => rank(a) - rank(b)).map(([name, value]) => `  ${name}: ${typeof value === "string" || typeof value === "number" ? value : JSON.stringify(value)}`);
    const problemLines = [...problems.entries()].map(([kind, list]) => `  ${kind}: ${list.length}\n${list.slice(0, 8).map((problem) => `    - ${problem.detail}`).join("\n")}`);
    const reportFile = process.env["FUZZ_REPORT"];
    if (reportFile !== undefined && reportFile !== "") {
      const all = [...problems.values()].flat().map(({ kind, detail, delivery }) => ({ kind, detail, ...(delivery === undefined ? {} : { input: delivery.input, eventType: delivery.eventType, stateKey: delivery.stateKey, content: delivery.content }) }));
      writeFileSync(reportFile, JSON.stringify({ seed: SEED, figures, problems: all }, null, 1));
    }
    process.stdout.write(`\nFuzz figures (seed ${SEED}, FUZZ_SEED=${SEED} to replay)\n${lines.join("\n")}\n${problemLines.length === 0 ? "  no problem found\n" : `Problems\n${problemLines.join("\n")}\n`}`);
  });

  it("answers every command exactly once, or ignores it by a listed rule, and answers nothing else", () => {
    const options = { botUserId: scenario.bot.userId, prefix: scenario.config.commandPrefix, names: scenario.config.names };
    const replies = new Map<string, ClientEvent[]>();
    for (const event of minouEvents) {
      const target = repliedTo(event.content);
      if (target !== undefined) replies.set(target, [...(replies.get(target) ?? []), event]);
    }
    const sent = deliveries.filter((delivery): delivery is Delivery & { eventId: string } => delivery.eventId !== undefined);
    const outcome = (eventId: string): string => minou.stores.inbound.outcomeOf(eventId) ?? "(not handled)";
    // Edits Minou acted on answer the message they correct.
    const editReplies = new Map<string, number>();
    const redactedLater = new Set<string>();
    for (const delivery of sent) {
      if (delivery.eventType === "m.room.redaction" && delivery.targetId !== undefined) redactedLater.add(delivery.targetId);
      // By Minou's own account: it may take for an edit what the spec would not (see the report).
      if (delivery.targetId !== undefined && REPLYING_EDIT_OUTCOMES.has(outcome(delivery.eventId))) {
        editReplies.set(delivery.targetId, (editReplies.get(delivery.targetId) ?? 0) + 1);
      }
    }

    const ignoredByRule: Record<IgnoreRule, number> = { "bare-prefix": 0, "redacted-before-handled": 0, "right-to-left-control": 0, edit: 0, "malformed-edit": 0 };
    const outcomes: Record<string, number> = {};
    let commandLooking = 0;
    let answered = 0;
    let malformedEditsAnswered = 0;
    for (const delivery of sent) {
      const { eventId } = delivery;
      const answers = replies.get(eventId) ?? [];
      const got = answers.length;
      const expectedFromEdits = editReplies.get(eventId) ?? 0;
      const recorded = outcome(eventId);
      outcomes[recorded] = (outcomes[recorded] ?? 0) + 1;
      const addressing = addressingOf(delivery, options);
      const describe = `#${delivery.input.index} ${delivery.input.family} by ${delivery.input.sender} in room ${delivery.input.room} (${eventId}): ${excerptOf(delivery.content)} → outcome ${recorded}, ${got} replies${answers.map((answer) => ` «${excerptOf(answer.content["body"], 100)}»`).join("")}`;
      if (recorded === "error" || recorded === "edit-error") report("command failed with an exception", describe, delivery);
      if (recorded.startsWith("flood") || recorded.startsWith("edit-flood")) report("flood guard acted although off", describe, delivery);
      if (recorded === "(not handled)") report("never handled", describe, delivery);

      if (addressing === "command" || addressing === "addressed") {
        commandLooking += 1;
        const content = delivery.content as Record<string, unknown>;
        if (got === expectedFromEdits + 1) {
          answered += 1;
          continue;
        }
        const applicable: IgnoreRule[] = [
          ...(isBarePrefix(content, options.prefix) ? (["bare-prefix"] as const) : []),
          ...(redactedLater.has(eventId) ? (["redacted-before-handled"] as const) : []),
          ...(isBehindRightToLeftControl(content) ? (["right-to-left-control"] as const) : []),
        ];
        const rule = got === expectedFromEdits ? applicable.find((candidate) => (IGNORE_RULES[candidate] as readonly string[]).includes(recorded)) : undefined;
        if (rule !== undefined) ignoredByRule[rule] += 1;
        else report(got > expectedFromEdits + 1 ? "command answered more than once" : `${addressing} not answered`, describe, delivery);
        continue;
      }
      if (addressing === "edit" && readsAsCommand(delivery.content, options)) {
        if ((IGNORE_RULES.edit as readonly string[]).includes(recorded)) ignoredByRule.edit += 1;
        else report("edit with an unexpected outcome", describe, delivery);
      }
      if (addressing === "malformed-edit" && readsAsCommand(delivery.content, options)) {
        if (got === expectedFromEdits + 1) malformedEditsAnswered += 1;
        else if (got === expectedFromEdits && (IGNORE_RULES["malformed-edit"] as readonly string[]).includes(recorded)) ignoredByRule["malformed-edit"] += 1;
        else report("malformed edit answered more than once, or with an unexpected outcome", describe, delivery);
        continue;
      }
      if (got !== expectedFromEdits) report(`${addressing} got a reply`, `${describe}, ${expectedFromEdits} expected from its edits`, delivery);
    }

    figures["slowest inputs to handle (ms)"] = slowestToHandle(minou, sent);
    const refused = refusalsByAnswer(deliveries);
    Object.assign(figures, {
      "inputs generated": deliveries.length,
      sent: sent.length,
      "refused by the homeserver": Object.values(refused).reduce((sum, count) => sum + count, 0),
      "refusals by answer": refused,
      "command-looking (prefix or addressed by name)": commandLooking,
      "answered exactly once": answered,
      "ignored by rule": ignoredByRule,
      "invalid edits answered as messages": malformedEditsAnswered,
      "outcomes Minou recorded": outcomes,
      "messages from Minou": minouEvents.length,
    });
    expect(problemsOf("command failed with an exception", "flood guard acted although off", "never handled")).toEqual([]);
    expect(problemsOf("command not answered", "addressed not answered", "command answered more than once", "edit with an unexpected outcome")).toEqual([]);
    expect(problemsOf("not-for-minou got a reply", "not-a-message got a reply", "edit got a reply", "malformed-edit got a reply", "malformed edit answered more than once, or with an unexpected outcome")).toEqual([]);
  });

  it("sends nothing over 65,536 bytes and loses no message (no failed outbox row)", () => {
    let largest = 0;
    let largestReply = 0;
    for (const event of minouEvents) {
      const bytes = Buffer.byteLength(JSON.stringify(event));
      largest = Math.max(largest, bytes);
      if (repliedTo(event.content) !== undefined) largestReply = Math.max(largestReply, bytes);
      if (bytes > MAX_EVENT_BYTES) report("message over 65,536 bytes", `${event.event_id} in ${event.room_id}: ${bytes} bytes`);
    }
    const failed = minou.stores.db
      .prepare<[], { txn_id: string; room_id: string; event_type: string; failure: string | null; attempts: number }>(
        "SELECT txn_id, room_id, event_type, failure, attempts FROM outbox WHERE failed_at IS NOT NULL ORDER BY id",
      )
      .all();
    const causes = new Map<string, Delivery>();
    for (const delivery of deliveries) {
      if (delivery.eventId === undefined) continue;
      for (let index = 0; index < 4; index += 1) causes.set(txnIdFor(delivery.eventId, index), delivery);
    }
    for (const row of failed) {
      const cause = causes.get(row.txn_id);
      const what = cause === undefined ? "(not a command's answer)" : `answer to #${cause.input.index} ${cause.input.family}: ${excerptOf(cause.content)}`;
      report("failed outbox row", `${row.event_type} in ${row.room_id} after ${row.attempts} attempts: ${row.failure ?? "?"} — ${what}`, cause);
    }
    figures["largest reply from Minou (bytes)"] = largestReply;
    figures["largest message from Minou (bytes)"] = largest;
    figures["failed outbox rows"] = failed.length;
    expect(problemsOf("message over 65,536 bytes", "failed outbox row")).toEqual([]);
  });

  it("puts only the spec's safe HTML in formatted_body, and cuts no character in two", () => {
    let checked = 0;
    const schemes: Record<string, number> = {};
    for (const event of minouEvents) {
      const contents = [event.content, isObject(event.content["m.new_content"]) ? event.content["m.new_content"] : undefined];
      for (const content of contents) {
        if (content === undefined) continue;
        const html = content["formatted_body"];
        if (html !== undefined) {
          checked += 1;
          if (typeof html !== "string") report("unsafe HTML", `${event.event_id}: formatted_body is ${typeof html}`);
          else {
            const { problems: unsafe, linkSchemes } = inspectHtml(html);
            for (const problem of unsafe) report("unsafe HTML", `${event.event_id}: ${problem.problem} ${problem.detail}`);
            for (const scheme of linkSchemes) schemes[scheme] = (schemes[scheme] ?? 0) + 1;
          }
          if (content["format"] !== "org.matrix.custom.html") report("unsafe HTML", `${event.event_id}: formatted_body with format ${excerptOf(content["format"])}`);
        }
        const body = content["body"];
        const broken = typeof body === "string" ? brokenCut(body) : undefined;
        if (broken !== undefined) report("character cut in two", `${event.event_id}: ${broken} in ${excerptOf(body, 300)}`);
      }
    }
    // Quotes of what a member typed, in the replies to it, end between two characters.
    const typedBy = new Map(deliveries.flatMap((delivery) => (delivery.eventId === undefined ? [] : [[delivery.eventId, delivery] as const])));
    let quotesChecked = 0;
    for (const event of minouEvents) {
      const target = repliedTo(event.content);
      const delivery = target === undefined ? undefined : typedBy.get(target);
      const typed = isObject(delivery?.content) ? delivery.content["body"] : undefined;
      const body = event.content["body"];
      if (typeof typed !== "string" || typeof body !== "string" || !body.includes("…")) continue;
      quotesChecked += 1;
      const cut = cutInsideCharacter(body, typed);
      if (cut !== undefined) report("character cut in two", `${event.event_id}, reply to #${delivery?.input.index}: ${cut}`, delivery);
    }
    figures["formatted bodies checked"] = checked;
    figures["replies with an ellipsis checked against what was typed"] = quotesChecked;
    figures["link schemes in Minou's HTML"] = schemes;
    expect(problemsOf("unsafe HTML", "character cut in two")).toEqual([]);
  });

  it("still tells the direct-message rooms from the association rooms", () => {
    const associations = minou.stores.rooms.associationRooms().map((room) => room.roomId);
    figures["rooms Minou counts as associations"] = `${associations.length} (of ${ASSOCIATION_ROOMS} association rooms and ${minou.stores.rooms.withMembership("join").length - ASSOCIATION_ROOMS} direct ones)`;
    expect(associations.sort()).toEqual(roomIds.slice(0, ASSOCIATION_ROOMS).sort());
  });

  it("is still alive and leaves no room stuck: a fresh !aide is answered everywhere within seconds", async () => {
    const { homeserver, bot } = scenario;
    const stuck: string[] = [];
    const answers = new Set<string>();
    const off = homeserver.onRoomEvent((_roomId, event) => {
      const target = event.sender === bot.userId ? repliedTo(event.content) : undefined;
      if (target !== undefined) answers.add(target);
    });
    const probeAt = Date.now();
    await Promise.all(
      roomIds.map(async (roomId, room) => {
        const localpart = room < ASSOCIATION_ROOMS ? "camille" : DIRECT_ACCOUNT.localpart;
        const client = new RawClient(homeserver.url, accounts.get(localpart)?.accessToken, "");
        const sent = await client.put<{ event_id: string }>(`/rooms/${enc(roomId)}/send/m.room.message/probe.${room}`, { msgtype: "m.text", body: "!aide" });
        const eventId = sent.body.event_id;
        await waitFor(() => answers.has(eventId), `an answer to !aide in ${roomId}`, PROBE_TIMEOUT_MS).catch(() => stuck.push(roomId));
      }),
    );
    off();
    figures["probe: slowest !aide answer (ms)"] = Date.now() - probeAt;
    figures["stuck rooms"] = stuck.length;
    const errors = logLines.filter((line) => line.includes(" ERROR ["));
    figures["error lines in Minou's log"] = errors.length;
    expect(stuck).toEqual([]);
    // "command failed", "message not delivered", "event could not be prepared": each is a bug.
    expect(errors.map((line) => excerptOf(line, 400))).toEqual([]);
  }, 30_000);
});

/**
 * The inbox is handled one event after another: an event's cost runs from when it arrived, or
 * the one before it was done, to when it was marked handled.
 */
function slowestToHandle(minou: Minou, sent: readonly Delivery[], count = 5): string[] {
  const rows = minou.stores.db
    .prepare<[], { event_id: string; received_at: number; handled_at: number }>("SELECT event_id, received_at, handled_at FROM inbound_events WHERE handled_at IS NOT NULL ORDER BY seq")
    .all();
  const byEventId = new Map(sent.map((delivery) => [delivery.eventId, delivery]));
  let previous = 0;
  const costs = rows.map((row) => {
    const cost = row.handled_at - Math.max(row.received_at, previous);
    previous = Math.max(previous, row.handled_at);
    return { cost, delivery: byEventId.get(row.event_id) };
  });
  return costs
    .sort((a, b) => b.cost - a.cost)
    .slice(0, count)
    .map(({ cost, delivery }) => `${cost} ms: ${delivery === undefined ? "(not a fuzz input)" : `#${delivery.input.index} ${delivery.input.family} ${excerptOf(delivery.content, 80)}`}`);
}

/** How many inputs the homeserver refused, by status and errcode. */
function refusalsByAnswer(deliveries: readonly Delivery[]): Record<string, number> {
  const refused: Record<string, number> = {};
  for (const delivery of deliveries) {
    if (delivery.eventId !== undefined) continue;
    const key = `${delivery.status} ${delivery.errcode ?? ""}`.trim();
    refused[key] = (refused[key] ?? 0) + 1;
  }
  return refused;
}
