// Serialising stored events into the client formats (spec: "Room Event Format", "Stripped state").
import type { Room, StoredEvent } from "./room.ts";
import type { ClientEvent, StrippedStateEvent, SyncEvent, UnsignedData } from "./types.ts";

export function toClientEvent(room: Room, event: StoredEvent, viewerDeviceKey: string | undefined): ClientEvent {
  const out: ClientEvent = {
    content: event.content,
    event_id: event.eventId,
    origin_server_ts: event.originServerTs,
    room_id: event.roomId,
    sender: event.sender,
    type: event.type,
  };
  if (event.stateKey !== undefined) out.state_key = event.stateKey;
  // Room v11 moved `redacts` into content; servers serve both forms to every client (spec: rooms/v11).
  if (event.redacts !== undefined) out.redacts = event.redacts;
  const unsigned: UnsignedData = { age: Math.max(0, Date.now() - event.originServerTs) };
  const replaced = event.replacesStateId === undefined ? undefined : room.event(event.replacesStateId);
  if (replaced) {
    unsigned.prev_content = replaced.content;
    unsigned.prev_sender = replaced.sender;
    unsigned.replaces_state = replaced.eventId;
  }
  if (event.redactedBecause) unsigned.redacted_because = toClientEvent(room, event.redactedBecause, undefined);
  if (event.txn !== undefined && event.txn.deviceKey === viewerDeviceKey) unsigned.transaction_id = event.txn.txnId;
  out.unsigned = unsigned;
  return out;
}

export function toSyncEvent(room: Room, event: StoredEvent, viewerDeviceKey: string | undefined): SyncEvent {
  const { room_id: _roomId, ...rest } = toClientEvent(room, event, viewerDeviceKey);
  return rest;
}

export function toStrippedState(event: StoredEvent): StrippedStateEvent {
  return { content: event.content, sender: event.sender, state_key: event.stateKey ?? "", type: event.type };
}
