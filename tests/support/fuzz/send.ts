// Sends fuzz inputs over raw HTTP: matrix-js-sdk would refuse (or fix) most of these shapes. One
// worker per room keeps each room's inputs in order, so an edit or a redaction finds its target.
import type { TestHomeserver } from "../../homeserver/index.ts";
import { enc, RawClient } from "../../homeserver/raw-client.ts";
import { TARGET, type FuzzInput, type Target } from "./inputs.ts";

/** What became of one input. */
export interface Delivery {
  readonly input: FuzzInput;
  readonly roomId: string;
  readonly senderId: string;
  /** The event type and content as sent, the target's id filled in. */
  readonly eventType: string;
  readonly content: unknown;
  readonly stateKey?: string;
  readonly targetId?: string;
  /** The homeserver's answer: 200 with an event id, or its refusal (0: the request could not be made). */
  readonly status: number;
  readonly eventId?: string;
  readonly errcode?: string;
}

/** Replaces the TARGET placeholder wherever it stands in a content. */
export function withTarget(value: unknown, targetId: string): unknown {
  if (value === TARGET) return targetId;
  if (Array.isArray(value)) return value.map((item) => withTarget(item, targetId));
  if (typeof value === "object" && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, withTarget(item, targetId)]));
  }
  return value;
}

export class FuzzSender {
  private readonly clients = new Map<string, RawClient>();
  private readonly latestByMinou = new Map<string, string>();
  private readonly stopListening: () => void;
  readonly deliveries: Delivery[] = [];

  constructor(
    homeserver: TestHomeserver,
    accounts: ReadonlyMap<string, { userId: string; accessToken: string }>,
    private readonly roomIds: readonly string[],
    botUserId: string,
  ) {
    for (const [localpart, account] of accounts) this.clients.set(localpart, new RawClient(homeserver.url, account.accessToken, account.userId));
    this.stopListening = homeserver.onRoomEvent((roomId, event) => {
      if (event.sender === botUserId && event.state_key === undefined) this.latestByMinou.set(roomId, event.event_id);
    });
  }

  /** Sends every input, rooms side by side, each room's in order. */
  async sendAll(inputs: readonly FuzzInput[]): Promise<Delivery[]> {
    const byIndex = new Map<number, Delivery>();
    await Promise.all(
      this.roomIds.map(async (_roomId, room) => {
        for (const input of inputs.filter((candidate) => candidate.room === room)) {
          const delivery = await this.send(input, byIndex);
          byIndex.set(input.index, delivery);
          this.deliveries.push(delivery);
        }
      }),
    );
    this.stopListening();
    return [...this.deliveries].sort((a, b) => a.input.index - b.input.index);
  }

  private resolve(target: Target | undefined, roomId: string, sent: ReadonlyMap<number, Delivery>, input: FuzzInput): string {
    if (target === undefined) return `$fuzz-none-${input.index}`;
    switch (target.kind) {
      case "input":
        return sent.get(target.index)?.eventId ?? `$fuzz-refused-${target.index}:minou.test`;
      case "minou":
        return this.latestByMinou.get(roomId) ?? `$fuzz-no-minou-${input.index}:minou.test`;
      case "unknown":
        return `$fuzz-unknown-${input.index}:minou.test`;
    }
  }

  private async send(input: FuzzInput, sent: ReadonlyMap<number, Delivery>): Promise<Delivery> {
    const roomId = this.roomIds[input.room] ?? "";
    const client = this.clients.get(input.sender);
    if (client === undefined) throw new Error(`no fuzz account ${input.sender}`);
    const txn = `fuzz.${input.index}`;
    const { action } = input;
    const base = { input, roomId, senderId: client.userId };
    switch (action.kind) {
      case "send": {
        const targetId = action.target === undefined ? undefined : this.resolve(action.target, roomId, sent, input);
        const content = targetId === undefined ? action.content : withTarget(action.content, targetId);
        const response = await client.put<{ event_id?: string; errcode?: string }>(`/rooms/${enc(roomId)}/send/${enc(action.eventType)}/${txn}`, content);
        return { ...base, eventType: action.eventType, content, ...(targetId === undefined ? {} : { targetId }), ...answer(response) };
      }
      case "state": {
        if (!encodable(action.stateKey)) return { ...base, eventType: action.eventType, content: action.content, stateKey: action.stateKey, status: 0, errcode: "not sent: a lone surrogate cannot go in a URL" };
        const response = await client.put<{ event_id?: string; errcode?: string }>(`/rooms/${enc(roomId)}/state/${enc(action.eventType)}/${enc(action.stateKey)}`, action.content);
        return { ...base, eventType: action.eventType, content: action.content, stateKey: action.stateKey, ...answer(response) };
      }
      case "redact": {
        const targetId = this.resolve(action.target, roomId, sent, input);
        const body = action.reason === undefined ? {} : { reason: action.reason };
        const response = await client.put<{ event_id?: string; errcode?: string }>(`/rooms/${enc(roomId)}/redact/${enc(targetId)}/${txn}`, body);
        return { ...base, eventType: "m.room.redaction", content: { redacts: targetId, ...body }, targetId, ...answer(response) };
      }
    }
  }
}

/** A lone surrogate has no UTF-8 form, so no percent-encoding: such a state key cannot be sent. */
function encodable(text: string): boolean {
  return !/[\uD800-\uDFFF]/u.test(text);
}

function answer(response: { status: number; body: { event_id?: string; errcode?: string } }): { status: number; eventId?: string; errcode?: string } {
  const { status, body } = response;
  if (status === 200 && typeof body.event_id === "string") return { status, eventId: body.event_id };
  return { status, ...(typeof body.errcode === "string" ? { errcode: body.errcode } : {}) };
}
