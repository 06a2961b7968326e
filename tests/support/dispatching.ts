import { RoomMemberNames } from "../../src/matrix/display-names.ts";
import { allCommands } from "../../commands/index.ts";
import type { Command } from "../../src/dispatch/command.ts";
import { Dispatcher } from "../../src/dispatch/dispatcher.ts";
import { CommandRegistry } from "../../src/dispatch/registry.ts";
import { InboundProcessor } from "../../src/pipeline/inbound-processor.ts";
import { RoomStateCache } from "../../src/pipeline/room-state.ts";
import type { Stores } from "../../storage/index.ts";
import type { MatrixEvent } from "../../storage/inbound-events-store.ts";
import { captureLog } from "./capture-log.ts";
import { TEST_SETTINGS } from "./command-context.ts";
import { memoryStores } from "./memory-stores.ts";
import { RecordingTransport } from "./recording-transport.ts";

/** The association room of these tests, Minou, and a moderator of that room. */
export const ROOM = "!asso:x";
export const BOT = "@minou:x";
export const MODERATOR = "@modo:x";

export interface QueuedReply {
  readonly body: string;
  readonly content: Record<string, unknown>;
}

export interface DispatchingOptions {
  readonly commands?: readonly Command[];
  readonly staff?: readonly string[];
  readonly admins?: readonly string[];
  readonly floodGuard?: { maxCommands: number; perSeconds: number; muteSeconds: number };
  /** The same database and homeserver as a Minou before it (a restart). */
  readonly stores?: Stores;
  readonly transport?: RecordingTransport;
  /** The staff room (config key `staffRoom`), where staff announcements are prepared. */
  readonly staffRoom?: string;
}

/**
 * The dispatcher behind the durable inbox, as Minou wires them, over `:memory:` stores and a
 * recording homeserver where the moderator has power 50. `handle` records events as the sync
 * intake does, handles them, and returns the replies queued (marking them sent).
 */
export function dispatching(options: DispatchingOptions = {}) {
  const stores = options.stores ?? memoryStores();
  stores.rooms.recordJoin(ROOM, 0);
  const transport = options.transport ?? new RecordingTransport();
  transport.powerLevels[ROOM] ??= { users: { [MODERATOR]: 50, [BOT]: 100 }, users_default: 0 };
  const { log, lines } = captureLog();
  const dispatcher = new Dispatcher(
    new CommandRegistry(options.commands ?? allCommands),
    stores,
    new RoomStateCache(transport, { maxAttempts: 1, initialDelayMs: 1, maxDelayMs: 1 }, new RoomMemberNames(stores.roomMembers)),
    {
      botUserId: BOT,
      prefix: "!",
      names: ["Minou"],
      admins: options.admins ?? [],
      staff: options.staff ?? [],
      defaultLanguage: "fr",
      defaultTimeZone: "Europe/Paris",
      floodGuard: options.floodGuard ?? { maxCommands: 100, perSeconds: 10, muteSeconds: 60 },
      commands: options.staffRoom === undefined ? TEST_SETTINGS : { ...TEST_SETTINGS, staffRoom: options.staffRoom },
    },
    { version: "0.0.0", startedAt: 0, centreName: "Centre" },
    log,
    () => 2_000_000,
  );
  const processor = new InboundProcessor(stores, [dispatcher], log, () => 2_000_000, () => undefined);
  const handle = async (...events: MatrixEvent[]): Promise<QueuedReply[]> => {
    for (const event of events) stores.inbound.record(ROOM, event, 0);
    processor.wake();
    await processor.idle();
    const replies: QueuedReply[] = [];
    for (let next = stores.outbox.nextForRoom(ROOM); next !== undefined; next = stores.outbox.nextForRoom(ROOM)) {
      replies.push({ body: String(next.content["body"]), content: next.content });
      stores.outbox.markSent(next.id, "$sent", 0);
    }
    return replies;
  };
  return { stores, transport, lines, handle };
}

let counter = 0;

/** A member's text message in the room, with a fresh event id. */
export function textMessage(sender: string, body: string, extra: Record<string, unknown> = {}, ts?: number): MatrixEvent {
  counter += 1;
  return { event_id: `$t${counter}`, type: "m.room.message", sender, origin_server_ts: ts ?? 1_000_000 + counter, content: { msgtype: "m.text", body, ...extra } };
}
