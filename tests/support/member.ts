import type { MatrixEvent} from "matrix-js-sdk";
import { ClientEvent, createClient, Method, RoomEvent, type MatrixClient, type Room } from "matrix-js-sdk";
import { logger } from "matrix-js-sdk/lib/logger.js";
import type { TestHomeserver } from "../homeserver/index.ts";
import { waitFor } from "./wait.ts";

interface LoglevelLogger {
  setLevel(level: string): void;
  getChild(name: string): LoglevelLogger;
}
// matrix-js-sdk logs through loglevel at debug level; only errors matter in tests and the demo.
// Its call (MatrixRTC) manager reports an error for every state event of a room it has not yet
// stored, which is harmless here: Minou's rooms hold no calls.
const sdkLogger = logger as unknown as LoglevelLogger;
sdkLogger.setLevel("error");
sdkLogger.getChild("[MatrixRTCSessionManager]").setLevel("silent");

/** A member of an association, using matrix-js-sdk as Element does. */
export class Member {
  private constructor(
    readonly userId: string,
    readonly client: MatrixClient,
  ) {}

  static async connect(homeserver: TestHomeserver, localpart: string): Promise<Member> {
    const account = await homeserver.registerUser(localpart);
    const client = createClient({ baseUrl: homeserver.url, userId: account.userId, accessToken: account.accessToken, deviceId: account.deviceId });
    const prepared = new Promise<void>((resolve) => {
      client.on(ClientEvent.Sync, (state) => {
        if (state === "PREPARED") resolve();
      });
    });
    await client.startClient({ initialSyncLimit: 50 });
    await prepared;
    return new Member(account.userId, client);
  }

  stop(): void {
    this.client.stopClient();
  }

  async createRoom(options: Parameters<MatrixClient["createRoom"]>[0]): Promise<string> {
    const { room_id: roomId } = await this.client.createRoom(options);
    await waitFor(() => this.client.getRoom(roomId) ?? undefined, `room ${roomId} in ${this.userId}'s client`);
    return roomId;
  }

  async join(roomId: string): Promise<void> {
    await this.client.joinRoom(roomId);
    await waitFor(() => this.client.getRoom(roomId)?.getMyMembership() === "join", `${this.userId} joined`);
  }

  /** Sends a text message as Element does; resolves to its event id. */
  async say(roomId: string, body: string, extra: Record<string, unknown> = {}): Promise<string> {
    const { event_id: eventId } = await this.client.sendEvent(roomId, "m.room.message" as never, { msgtype: "m.text", body, ...extra } as never);
    return eventId;
  }

  /**
   * Sends any event as-is. matrix-js-sdk refuses to send into an encrypted room without its
   * crypto stack; this stands for what Element would send there (ciphertext, or a plain command).
   */
  async sendRaw(roomId: string, eventType: string, content: Record<string, unknown>): Promise<string> {
    const path = `/rooms/${encodeURIComponent(roomId)}/send/${encodeURIComponent(eventType)}/${encodeURIComponent(this.client.makeTxnId())}`;
    const { event_id: eventId } = await this.client.http.authedRequest<{ event_id: string }>(Method.Put, path, undefined, content);
    return eventId;
  }

  room(roomId: string): Room {
    const room = this.client.getRoom(roomId);
    if (room === null) throw new Error(`${this.userId} does not know ${roomId}`);
    return room;
  }

  /** Every event of the room's live timeline, as this member's client has it. */
  timeline(roomId: string): MatrixEvent[] {
    return this.room(roomId).getLiveTimeline().getEvents();
  }

  /** A message's text as Element shows it: its latest edit (m.replace) if any, else the original. */
  shownText(roomId: string, eventId: string): string {
    const latest = this.timeline(roomId)
      .filter((event) => {
        const relation = event.getContent()["m.relates_to"] as { rel_type?: string; event_id?: string } | undefined;
        return relation?.rel_type === "m.replace" && relation.event_id === eventId;
      })
      .at(-1);
    if (latest !== undefined) return String((latest.getContent()["m.new_content"] as { body?: unknown } | undefined)?.body ?? "");
    return String(this.timeline(roomId).find((event) => event.getId() === eventId)?.getContent()["body"] ?? "");
  }

  /** Notices from `sender` that reply to `eventId`. */
  repliesTo(roomId: string, eventId: string, sender: string): MatrixEvent[] {
    return this.timeline(roomId).filter((event) => {
      const relation = event.getContent()["m.relates_to"] as Record<string, unknown> | undefined;
      const inReplyTo = relation?.["m.in_reply_to"] as Record<string, unknown> | undefined;
      return event.getSender() === sender && event.getType() === "m.room.message" && inReplyTo?.["event_id"] === eventId;
    });
  }

  async waitForReply(roomId: string, eventId: string, sender: string, timeoutMs = 10_000): Promise<MatrixEvent> {
    return waitFor(() => this.repliesTo(roomId, eventId, sender)[0], `a reply from ${sender} to ${eventId}`, timeoutMs);
  }

  /** Resolves with the first new timeline event matching `predicate`. */
  nextEvent(roomId: string, predicate: (event: MatrixEvent) => boolean, timeoutMs = 10_000): Promise<MatrixEvent> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.client.off(RoomEvent.Timeline, listener);
        reject(new Error(`no matching event in ${roomId} within ${timeoutMs} ms`));
      }, timeoutMs);
      const listener = (event: MatrixEvent, room: Room | undefined): void => {
        if (room?.roomId !== roomId || !predicate(event)) return;
        clearTimeout(timer);
        this.client.off(RoomEvent.Timeline, listener);
        resolve(event);
      };
      this.client.on(RoomEvent.Timeline, listener);
    });
  }
}
