import type { MatrixClient } from "matrix-bot-sdk";
import type { MatrixEvent } from "../../storage/inbound-events-store.ts";
import { classifyFailure } from "./request-errors.ts";

/** The few homeserver calls Minou's pipeline makes, so tests can record them without a server. */
export interface MatrixTransport {
  /** PUT /rooms/{roomId}/send/{type}/{txnId}; resolves to the event id. */
  sendEvent(roomId: string, eventType: string, txnId: string, content: Record<string, unknown>): Promise<string>;
  /** The state event's content, or undefined when the room has none. */
  getStateEvent(roomId: string, eventType: string, stateKey: string): Promise<Record<string, unknown> | undefined>;
  /** GET /rooms/{roomId}/event/{eventId}: the event as the server has it now, or undefined if it has none (404). */
  event(roomId: string, eventId: string): Promise<MatrixEvent | undefined>;
  /** GET /rooms/{roomId}/messages backwards from `from`: newest first. */
  messagesBefore(roomId: string, from: string, limit: number): Promise<{ chunk: MatrixEvent[]; end?: string }>;
  /** GET /_matrix/client/v1/rooms/{roomId}/relations/{eventId}/{relType}: every child, all pages. */
  relations(roomId: string, eventId: string, relType: string): Promise<MatrixEvent[]>;
  /**
   * Uploads a file for a message in `roomId`; resolves to the content fields that point at it:
   * `url`, or `file` (key, iv, hash and url) when the room is encrypted.
   */
  attachFile(roomId: string, data: Buffer, filename: string, mimeType: string): Promise<Record<string, unknown>>;
  /** Creates an encrypted private room with `userId` invited, flagged as a direct message; resolves to its id. */
  createDirectRoom(userId: string): Promise<string>;
  /** Adds an event to the room's pinned messages (m.room.pinned_events), keeping the others. */
  pin(roomId: string, eventId: string): Promise<void>;
  joinRoom(roomId: string): Promise<void>;
  /** GET /rooms/{roomId}/joined_members: who is joined now, with their display name in the room. */
  joinedMembers(roomId: string): Promise<ReadonlyMap<string, string | null>>;
  leaveRoom(roomId: string, reason?: string): Promise<void>;
}

const enc = encodeURIComponent;

/** The transport over matrix-bot-sdk's client (its auth, its HTTP agent, its logging). */
export function botTransport(client: MatrixClient): MatrixTransport {
  const transport: MatrixTransport = {
    async sendEvent(roomId, eventType, txnId, content) {
      const path = `/_matrix/client/v3/rooms/${enc(roomId)}/send/${enc(eventType)}/${enc(txnId)}`;
      const response = (await client.doRequest("PUT", path, null, content)) as { event_id: string };
      return response.event_id;
    },
    async getStateEvent(roomId, eventType, stateKey) {
      try {
        return (await client.getRoomStateEvent(roomId, eventType, stateKey)) as Record<string, unknown>;
      } catch (error) {
        const failure = classifyFailure(error);
        if (failure.kind === "permanent" && failure.status === 404) return undefined;
        throw error;
      }
    },
    async event(roomId, eventId) {
      try {
        return (await client.doRequest("GET", `/_matrix/client/v3/rooms/${enc(roomId)}/event/${enc(eventId)}`)) as MatrixEvent;
      } catch (error) {
        const failure = classifyFailure(error);
        if (failure.kind === "permanent" && failure.status === 404) return undefined;
        throw error;
      }
    },
    async messagesBefore(roomId, from, limit) {
      const path = `/_matrix/client/v3/rooms/${enc(roomId)}/messages`;
      return (await client.doRequest("GET", path, { dir: "b", from, limit })) as { chunk: MatrixEvent[]; end?: string };
    },
    async relations(roomId, eventId, relType) {
      const events: MatrixEvent[] = [];
      let from: string | undefined;
      do {
        const path = `/_matrix/client/v1/rooms/${enc(roomId)}/relations/${enc(eventId)}/${enc(relType)}`;
        const page = (await client.doRequest("GET", path, { limit: 100, ...(from === undefined ? {} : { from }) })) as { chunk: MatrixEvent[]; next_batch?: string };
        events.push(...page.chunk);
        from = page.next_batch;
      } while (from !== undefined);
      return events;
    },
    async attachFile(_roomId, data, filename, mimeType) {
      return { url: await client.uploadContent(data, mimeType, filename) };
    },
    async createDirectRoom(userId) {
      // As Element and Element X do: a DM is encrypted from its first event.
      return client.createRoom({
        preset: "trusted_private_chat",
        is_direct: true,
        invite: [userId],
        initial_state: [{ type: "m.room.encryption", state_key: "", content: { algorithm: "m.megolm.v1.aes-sha2" } }],
      });
    },
    async pin(roomId, eventId) {
      const current = await transport.getStateEvent(roomId, "m.room.pinned_events", "");
      const pinned = Array.isArray(current?.["pinned"]) ? (current["pinned"] as unknown[]).filter((id): id is string => typeof id === "string") : [];
      if (pinned.includes(eventId)) return;
      await client.sendStateEvent(roomId, "m.room.pinned_events", "", { pinned: [...pinned, eventId] });
    },
    async joinRoom(roomId) {
      await client.doRequest("POST", `/_matrix/client/v3/rooms/${enc(roomId)}/join`, null, {});
    },
    async joinedMembers(roomId) {
      const joined = await client.getJoinedRoomMembersWithProfiles(roomId);
      return new Map(Object.entries(joined).map(([userId, profile]) => [userId, typeof profile.display_name === "string" ? profile.display_name : null]));
    },
    async leaveRoom(roomId, reason) {
      await client.doRequest("POST", `/_matrix/client/v3/rooms/${enc(roomId)}/leave`, null, reason === undefined ? {} : { reason });
    },
  };
  return transport;
}
