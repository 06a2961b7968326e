import { describe, expect, it } from "vitest";
import { allCommands } from "../../commands/index.ts";
import { defineCommand, refuse, reply } from "../../src/dispatch/command.ts";
import { md } from "../../src/render/markdown.ts";
import type { Stores } from "../../storage/index.ts";
import type { MatrixEvent } from "../../storage/inbound-events-store.ts";
import { memoryStores } from "../support/memory-stores.ts";
import { RecordingTransport } from "../support/recording-transport.ts";
import { dispatching, ROOM, BOT } from "../support/dispatching.ts";

let counter = 0;

/** A command that counts its runs: "!compter 3" adds 3; a number over 10 is refused. */
function counting(): { command: ReturnType<typeof defineCommand>; runs: number[] } {
  const runs: number[] = [];
  const command = defineCommand({
    names: { fr: ["compter"], en: ["count"] },
    group: "general",
    summary: { fr: "x", en: "x" },
    args: [{ name: "n", kind: "integer", label: { fr: "nombre", en: "number" } }],
    permission: "member",
    execute: (_context, { n }) => {
      if (n > 10) return refuse(md`Trop grand.`);
      runs.push(n);
      return reply(md`Compté ${String(n)}.`);
    },
  });
  return { command, runs };
}

/** Minou over `stores`, as after each start: a new dispatcher and processor, the same database. */
function start(stores: Stores, transport: RecordingTransport, extra = counting().command) {
  return dispatching({ stores, transport, commands: [...allCommands, extra] }).handle;
}

function setup() {
  const stores = memoryStores();
  stores.rooms.recordJoin(ROOM, 0);
  const transport = new RecordingTransport();
  transport.powerLevels[ROOM] = { users: { [BOT]: 100 }, users_default: 0 };
  const { command, runs } = counting();
  /** A message the homeserver keeps, so that an edit of it can be checked against it. */
  const message = (sender: string, body: string, relation?: Record<string, unknown>): MatrixEvent => {
    counter += 1;
    const event = { event_id: `$m${counter}`, type: "m.room.message", sender, origin_server_ts: 1_000_000 + counter, content: { msgtype: "m.text", body, ...(relation === undefined ? {} : { "m.relates_to": relation }) } };
    transport.events[event.event_id] = event;
    return event;
  };
  /** An edit as Element sends it. */
  const edit = (original: MatrixEvent, body: string, sender = original.sender): MatrixEvent => {
    counter += 1;
    const content = { msgtype: "m.text", body: `* ${body}`, "m.new_content": { msgtype: "m.text", body }, "m.relates_to": { rel_type: "m.replace", event_id: original.event_id } };
    return { event_id: `$m${counter}`, type: "m.room.message", sender, origin_server_ts: 1_000_000 + counter, content };
  };
  return { stores, transport, message, edit, runs, handle: start(stores, transport, command), restart: () => start(stores, transport, command) };
}

const repliedTo = (answer: { content: Record<string, unknown> } | undefined): unknown =>
  (answer?.content["m.relates_to"] as { "m.in_reply_to"?: { event_id?: string } } | undefined)?.["m.in_reply_to"]?.event_id;

describe("an edited command", () => {
  it("runs the correction of an unknown command once, answering the original", async () => {
    const { message, edit, handle, runs, stores } = setup();
    const typo = message("@camille:x", "!comptr 2");
    expect((await handle(typo))[0]?.body).toBe("Je ne connais pas la commande !comptr. Vouliez-vous dire !compter ?");
    const [answer] = await handle(edit(typo, "!compter 2"));
    expect(answer?.body).toBe("Compté 2.");
    expect(repliedTo(answer)).toBe(typo.event_id);
    expect(runs).toEqual([2]);
    expect(stores.inbound.outcomeOf(typo.event_id)).toBe("answered");
  });

  it("runs the correction of a usage error or a refusal, and keeps trying while it still fails", async () => {
    const { message, edit, handle, runs } = setup();
    const command = message("@camille:x", "!compter deux");
    expect((await handle(command))[0]?.body).toMatch(/n'est pas un nombre entier/);
    expect((await handle(edit(command, "!compter 20")))[0]?.body).toBe("Trop grand.");
    expect((await handle(edit(command, "!comptr 5")))[0]?.body).toMatch(/^Je ne connais pas la commande !comptr/);
    const [answer] = await handle(edit(command, "!compter 5"));
    expect(answer?.body).toBe("Compté 5.");
    expect(repliedTo(answer)).toBe(command.event_id);
    expect(runs).toEqual([5]);
  });

  it("never runs a command again once carried out, and says so once", async () => {
    const { message, edit, handle, runs, stores } = setup();
    const command = message("@camille:x", "!compter 1");
    await handle(command);
    const [explanation] = await handle(edit(command, "!compter 3"));
    expect(explanation?.body).toBe(
      "J'ai déjà fait ce que demandait cette commande : la modifier ne la refait pas. Pour changer le résultat, envoyez une nouvelle commande (!aide si besoin).",
    );
    expect(explanation?.content).toMatchObject({ msgtype: "m.notice", "m.mentions": {} });
    expect(repliedTo(explanation)).toBe(command.event_id);
    expect(await handle(edit(command, "!compter 4"))).toEqual([]);
    // Also once a correction has been carried out.
    const typo = message("@camille:x", "!comptr 6");
    await handle(typo, edit(typo, "!compter 6"));
    expect((await handle(edit(typo, "!compter 7")))[0]?.body).toMatch(/^J'ai déjà fait/);
    expect(await handle(edit(typo, "!compter 8"))).toEqual([]);
    expect(runs).toEqual([1, 6]);
    expect(stores.inbound.outcomeOf(command.event_id)).toBe("answered-edit-explained");
  });

  it("holds to exactly once across a restart, and when an edit is delivered again", async () => {
    const { message, edit, handle, restart, runs } = setup();
    const typo = message("@camille:x", "!comptr 2");
    const correction = edit(typo, "!compter 2");
    await handle(typo, correction);
    const again = restart();
    expect(await again(correction)).toEqual([]);
    expect((await again(edit(typo, "!compter 9")))[0]?.body).toMatch(/^J'ai déjà fait/);
    expect(await restart()(edit(typo, "!compter 10"))).toEqual([]);
    expect(runs).toEqual([2]);
  });

  it("answers a correction in the original's thread", async () => {
    const { message, edit, handle } = setup();
    const typo = message("@camille:x", "!comptr 1", { rel_type: "m.thread", event_id: "$root", is_falling_back: true, "m.in_reply_to": { event_id: "$root" } });
    await handle(typo);
    const [answer] = await handle(edit(typo, "!compter 1"));
    expect(answer?.content["m.relates_to"]).toEqual({ rel_type: "m.thread", event_id: "$root", is_falling_back: false, "m.in_reply_to": { event_id: typo.event_id } });
  });

  it("ignores an edit by someone else, of a deleted command, of conversation, or into conversation", async () => {
    const { message, edit, handle, runs, transport } = setup();
    const typo = message("@camille:x", "!comptr 1");
    await handle(typo);
    expect(await handle(edit(typo, "!compter 1", "@dominique:x"))).toEqual([]);
    expect(await handle(edit(typo, "Bonjour"))).toEqual([]);
    const chat = message("@camille:x", "Bonjour");
    expect(await handle(chat, edit(chat, "!compter 1"))).toEqual([]);
    const deleted = message("@camille:x", "!comptr 1");
    await handle(deleted);
    transport.events[deleted.event_id] = { ...deleted, content: {}, unsigned: { redacted_because: { type: "m.room.redaction" } } };
    expect(await handle(edit(deleted, "!compter 1"))).toEqual([]);
    expect(await handle(edit({ ...typo, event_id: "$unknown" }, "!compter 1"))).toEqual([]);
    expect(runs).toEqual([]);
  });
});
