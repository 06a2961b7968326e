// Shapes shared by the test homeserver's modules. Event shapes follow the Client-Server API's
// "ClientEvent" definition (spec: data/api/client-server/definitions/client_event.yaml).

export type JsonObject = Record<string, unknown>;

/** An event in the client format, as `/messages`, `/event` and `/state` return it. */
export interface ClientEvent {
  event_id: string;
  type: string;
  room_id: string;
  sender: string;
  origin_server_ts: number;
  content: JsonObject;
  state_key?: string;
  /** Set on `m.room.redaction` events (top-level form; also in `content` for room v11 clients). */
  redacts?: string;
  unsigned?: UnsignedData;
}

/** `/sync` omits `room_id` from events (spec: ClientEventWithoutRoomID). */
export type SyncEvent = Omit<ClientEvent, "room_id">;

export interface UnsignedData {
  age?: number;
  prev_content?: JsonObject;
  prev_sender?: string;
  replaces_state?: string;
  redacted_because?: ClientEvent;
  /** Only given to the device that sent the event (spec: "Transaction identifiers"). */
  transaction_id?: string;
}

/** Spec "Stripped state": what an invitee sees of a room before joining. */
export interface StrippedStateEvent {
  type: string;
  state_key: string;
  sender: string;
  content: JsonObject;
}

export type Membership = "join" | "invite" | "leave" | "ban" | "knock";

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
