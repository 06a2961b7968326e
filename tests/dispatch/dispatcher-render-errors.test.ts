import { describe, expect, it } from "vitest";
import { allCommands } from "../../commands/index.ts";
import { defineCommand, reply, type Command } from "../../src/dispatch/command.ts";
import { Dispatcher } from "../../src/dispatch/dispatcher.ts";
import { CommandRegistry } from "../../src/dispatch/registry.ts";
import { welcomeTextSetting } from "../../src/onboarding/settings.ts";
import { InboundProcessor } from "../../src/pipeline/inbound-processor.ts";
import { RoomStateCache } from "../../src/pipeline/room-state.ts";
import { Markdown } from "../../src/render/markdown.ts";
import { captureLog } from "../support/capture-log.ts";
import { TEST_SETTINGS } from "../support/command-context.ts";
import { memoryStores } from "../support/memory-stores.ts";
import { RecordingTransport } from "../support/recording-transport.ts";

const ROOM = "!asso:x";
const BOT = "@minou:x";

/** Markdown whose rendering fails as marked did on deep nesting: with a RangeError. */
function unrenderable(): Markdown {
  return Object.defineProperty(Object.create(Markdown.prototype), "source", {
    get: () => {
      throw new RangeError("Maximum call stack size exceeded");
    },
  }) as Markdown;
}

function setup(commands: readonly Command[]) {
  const stores = memoryStores();
  stores.rooms.recordJoin(ROOM, 0);
  const transport = new RecordingTransport();
  transport.powerLevels[ROOM] = { users: { "@modo:x": 50, [BOT]: 100 }, users_default: 0 };
  const { log, lines } = captureLog();
  const dispatcher = new Dispatcher(
    new CommandRegistry(commands),
    stores,
    new RoomStateCache(transport, { maxAttempts: 1, initialDelayMs: 1, maxDelayMs: 1 }),
    { botUserId: BOT, prefix: "!", names: ["Minou"], admins: [], staff: [], defaultLanguage: "fr", defaultTimeZone: "Europe/Paris", floodGuard: { maxCommands: 100, perSeconds: 10, muteSeconds: 60 }, commands: TEST_SETTINGS },
    { version: "0.0.0", startedAt: 0, centreName: "Centre" },
    log,
    () => 2_000_000,
  );
  const processor = new InboundProcessor(stores, [dispatcher], log, () => 2_000_000, () => undefined);
  let counter = 0;
  /** A member's command, handled as the inbox does; the bodies of the replies queued. */
  const say = async (sender: string, body: string): Promise<string[]> => {
    counter += 1;
    stores.inbound.record(ROOM, { event_id: `$e${counter}`, type: "m.room.message", sender, origin_server_ts: 1_000_000 + counter, content: { msgtype: "m.text", body } }, 0);
    processor.wake();
    await processor.idle();
    const replies: string[] = [];
    for (let next = stores.outbox.nextForRoom(ROOM); next !== undefined; next = stores.outbox.nextForRoom(ROOM)) {
      replies.push(String(next.content["body"]));
      stores.outbox.markSent(next.id, "$sent", 0);
    }
    return replies;
  };
  return { stores, say, lines };
}

describe("Dispatcher: a reply that cannot be rendered", () => {
  it("gets the usual apology, and the command's changes are rolled back", async () => {
    const breaking = defineCommand({
      names: { fr: ["casser"], en: ["break"] },
      group: "general",
      summary: { fr: "casse", en: "breaks" },
      args: [],
      permission: "member",
      execute({ stores, room }) {
        stores.roomSettings.set(room.roomId, welcomeTextSetting, "changé");
        return reply(unrenderable());
      },
    });
    const { stores, say, lines } = setup([breaking]);
    const [apology, ...others] = await say("@camille:x", "!casser");
    expect(apology).toMatch(/^Oups, quelque chose s'est mal passé de mon côté et rien n'a été modifié\. L'équipe du centre peut retrouver l'incident avec la référence [0-9a-f]{8}\.$/u);
    expect(others).toEqual([]);
    expect(stores.roomSettings.get(ROOM, welcomeTextSetting)).toBeNull();
    expect(lines.some((line) => line.includes("command failed") && line.includes("RangeError"))).toBe(true);
    expect(stores.inbound.outcomeOf("$e1")).toBe("error");
  });

  it("of a FAQ answer stored nested too deeply, before such answers were refused: answered all the same", async () => {
    const { stores, say } = setup(allCommands);
    stores.onboarding.faq.add(ROOM, "Où est le pad ?", `${">".repeat(3_990)} Dans les documents`, "@modo:x", 0);
    const [answer, ...others] = await say("@camille:x", "!faq pad");
    expect(answer).toContain("n°1 · Où est le pad ?");
    expect(answer).toContain(`${">".repeat(3_990)} Dans les documents`);
    expect(others).toEqual([]);
  });
});
