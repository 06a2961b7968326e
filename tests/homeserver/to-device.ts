// To-device messages (spec: "Send-to-Device messaging"), as Synapse 1.67 queues them
// (synapse/handlers/devicemessage.py, synapse/storage/databases/main/deviceinbox.py): one
// inbox per recipient device, ordered by the server's stream, kept until a /sync whose `since`
// is past them acknowledges them.
import { deviceKey, type Session } from "./accounts.ts";
import { badJson, missingParam } from "./errors.ts";
import { requireUserId, serverNameOf } from "./ids.ts";
import type { Stream } from "./stream.ts";
import { isJsonObject, type JsonObject } from "./types.ts";

export interface ToDeviceEvent {
  readonly sender: string;
  readonly type: string;
  readonly content: JsonObject;
}

interface Queued {
  readonly position: number;
  readonly event: ToDeviceEvent;
}

/** Synapse's get_messages_for_device default limit: at most 100 messages per /sync. */
export const TO_DEVICE_SYNC_LIMIT = 100;

export class ToDeviceInbox {
  private readonly inboxes = new Map<string, Queued[]>();
  /** Synapse's HttpTransactionCache: keyed by access token and request path. */
  private readonly transactions = new Set<string>();
  private readonly held = new Map<string, { key: string; event: ToDeviceEvent }[]>();

  constructor(
    private readonly serverName: string,
    private readonly stream: Stream,
    private readonly devicesOf: (userId: string) => Iterable<string>,
  ) {}

  /**
   * PUT /sendToDevice/{type}/{txnId}: `messages` is `{user: {device | "*": content}}`. A retry
   * with the same access token and txnId has no second effect. `"*"` means every device only
   * when it is the user's sole entry; messages for devices that do not exist are dropped, and
   * users on other servers are dropped too (no federation here).
   */
  send(session: Session, type: string, txnId: string, body: JsonObject): void {
    const txnKey = `${session.token}\u0000${type}\u0000${txnId}`;
    if (this.transactions.has(txnKey)) return;
    const messages = body["messages"];
    if (messages === undefined) throw missingParam("Missing params: ['messages']");
    if (!isJsonObject(messages)) throw badJson("messages must be an object");
    const deliveries: Array<{ key: string; userId: string; content: JsonObject }> = [];
    for (const [userId, byDevice] of Object.entries(messages)) {
      requireUserId(userId);
      if (!isJsonObject(byDevice)) throw badJson("messages must map users to objects");
      if (serverNameOf(userId) !== this.serverName) continue;
      const known = new Set(this.devicesOf(userId));
      const targets = Object.keys(byDevice);
      for (const deviceId of targets.length === 1 && targets[0] === "*" ? known : targets) {
        const content = byDevice[deviceId] ?? byDevice["*"];
        if (!known.has(deviceId) || !isJsonObject(content)) continue;
        deliveries.push({ key: deviceKey({ userId, deviceId }), userId, content });
      }
    }
    this.transactions.add(txnKey);
    const delivered = [];
    for (const delivery of deliveries) {
      const event = { sender: session.userId, type, content: structuredClone(delivery.content) };
      const held = this.held.get(delivery.userId);
      if (held === undefined) delivered.push({ key: delivery.key, event });
      else held.push({ key: delivery.key, event });
    }
    this.deliver(delivered);
  }

  /**
   * Test fault: to-device messages for `userId` wait until `releaseFor` — as when a room key
   * comes over federation after the message it opens (the spec orders neither against the other).
   */
  holdFor(userId: string): void {
    if (!this.held.has(userId)) this.held.set(userId, []);
  }

  releaseFor(userId: string): void {
    const held = this.held.get(userId) ?? [];
    this.held.delete(userId);
    this.deliver(held);
  }

  private deliver(deliveries: readonly { key: string; event: ToDeviceEvent }[]): void {
    if (deliveries.length === 0) return;
    const position = this.stream.next();
    for (const { key, event } of deliveries) {
      const inbox = this.inboxes.get(key) ?? [];
      inbox.push({ position, event });
      this.inboxes.set(key, inbox);
    }
    this.stream.touch(new Set(deliveries.map((delivery) => delivery.key)), position);
  }

  /**
   * Messages after `after` up to `upTo`, at most TO_DEVICE_SYNC_LIMIT; `through` is how far
   * they go (the last one's position when the limit cut the batch, else `upTo`), i.e. the
   * to-device part of the next sync token.
   */
  pending(session: Session, after: number, upTo: number): { events: ToDeviceEvent[]; through: number } {
    const inbox = this.inboxes.get(deviceKey(session)) ?? [];
    const batch: Queued[] = [];
    for (const queued of inbox) {
      if (queued.position <= after || queued.position > upTo) continue;
      batch.push(queued);
      if (batch.length === TO_DEVICE_SYNC_LIMIT) break;
    }
    const last = batch.at(-1);
    const through = batch.length === TO_DEVICE_SYNC_LIMIT && last ? last.position : upTo;
    return { events: batch.map((queued) => structuredClone(queued.event)), through };
  }

  hasPendingAfter(session: Session, after: number): boolean {
    return (this.inboxes.get(deviceKey(session)) ?? []).some((queued) => queued.position > after);
  }

  /** A sync with `since` proves delivery of everything up to it (Synapse: delete_messages_for_device). */
  acknowledge(session: Session, upTo: number): void {
    const key = deviceKey(session);
    const inbox = this.inboxes.get(key);
    if (inbox) this.inboxes.set(key, inbox.filter((queued) => queued.position > upTo));
  }

  deleteDevice(userId: string, deviceId: string): void {
    this.inboxes.delete(deviceKey({ userId, deviceId }));
  }
}
