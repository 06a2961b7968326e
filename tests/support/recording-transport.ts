import type { MatrixEvent } from "../../storage/inbound-events-store.ts";
import type { MatrixTransport } from "../../src/matrix/transport.ts";

export interface SentEvent {
  readonly roomId: string;
  readonly eventType: string;
  readonly txnId: string;
  readonly content: Record<string, unknown>;
}

/** A MatrixTransport that records what Minou sends and answers from canned state. */
export class RecordingTransport implements MatrixTransport {
  readonly sent: SentEvent[] = [];
  readonly attempts: { txnId: string; at: number }[] = [];
  readonly joined: string[] = [];
  readonly left: string[] = [];
  /** Errors thrown by the next sends, in order (then sends succeed). */
  readonly sendFailures: unknown[] = [];
  /** Errors thrown by the next sends into one room, in order, before `sendFailures`. */
  readonly roomFailures: Record<string, unknown[]> = {};
  powerLevels: Record<string, Record<string, unknown>> = {};
  private readonly eventIds = new Map<string, string>();

  async sendEvent(roomId: string, eventType: string, txnId: string, content: Record<string, unknown>): Promise<string> {
    this.attempts.push({ txnId, at: Date.now() });
    const failure = this.roomFailures[roomId]?.shift() ?? this.sendFailures.shift();
    if (failure !== undefined) throw failure;
    const known = this.eventIds.get(txnId);
    if (known !== undefined) return known;
    const eventId = `$sent${this.sent.length + 1}`;
    this.eventIds.set(txnId, eventId);
    this.sent.push({ roomId, eventType, txnId, content });
    return eventId;
  }

  async getStateEvent(roomId: string, eventType: string): Promise<Record<string, unknown> | undefined> {
    return eventType === "m.room.power_levels" ? this.powerLevels[roomId] : undefined;
  }

  /** Events the homeserver has, by id, as GET /rooms/{roomId}/event/{eventId} would answer. */
  events: Record<string, MatrixEvent> = {};

  async event(_roomId: string, eventId: string): Promise<MatrixEvent | undefined> {
    return this.events[eventId];
  }

  async messagesBefore(_roomId: string, _from?: string, _limit?: number): Promise<{ chunk: MatrixEvent[] }> {
    return { chunk: [] };
  }

  /** Children of each event, by rel_type, as the relations endpoint would list them. */
  relationsOf: Record<string, MatrixEvent[]> = {};
  readonly uploads: { data: Buffer; filename: string; mimeType: string }[] = [];

  async relations(_roomId: string, eventId: string): Promise<MatrixEvent[]> {
    return this.relationsOf[eventId] ?? [];
  }

  async attachFile(_roomId: string, data: Buffer, filename: string, mimeType: string): Promise<Record<string, unknown>> {
    this.uploads.push({ data, filename, mimeType });
    return { url: `mxc://test/${this.uploads.length}` };
  }

  readonly directRooms: string[] = [];
  readonly pins: { roomId: string; eventId: string }[] = [];

  async createDirectRoom(userId: string): Promise<string> {
    this.directRooms.push(userId);
    return `!dm-${this.directRooms.length}:test`;
  }

  async pin(roomId: string, eventId: string): Promise<void> {
    this.pins.push({ roomId, eventId });
  }

  /** Joined members by room, as GET /joined_members would count them. */
  memberCounts: Record<string, number> = {};
  /** Joined members' display names by room, as GET /joined_members gives them (counted when set). */
  memberNames: Record<string, Record<string, string | null>> = {};

  async joinedMembers(roomId: string): Promise<ReadonlyMap<string, string | null>> {
    const named = this.memberNames[roomId];
    if (named !== undefined) return new Map(Object.entries(named));
    return new Map(Array.from({ length: this.memberCounts[roomId] ?? 0 }, (_, index) => [`@member${index}:test`, null]));
  }

  async joinRoom(roomId: string): Promise<void> {
    this.joined.push(roomId);
  }

  async leaveRoom(roomId: string): Promise<void> {
    this.left.push(roomId);
  }
}

/** What matrix-bot-sdk throws for an error answer. */
export function matrixError(statusCode: number, errcode: string, extra: Record<string, unknown> = {}): Error {
  return Object.assign(new Error(errcode), { statusCode, errcode, body: { errcode, ...extra }, ...("retry_after_ms" in extra ? { retryAfterMs: extra["retry_after_ms"] } : {}) });
}
