/**
 * A member client reduced to what a latency measurement needs: send, and long-poll /sync for the
 * reply. Lighter than matrix-js-sdk, so the figures are the bot's and the homeserver's, not ours.
 */
export class RawMember {
  private since: string | undefined;
  private txn = 0;

  constructor(
    readonly url: string,
    readonly userId: string,
    private readonly token: string,
  ) {}

  async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${this.url}/_matrix/client/v3${path}`, {
      method,
      headers: { authorization: `Bearer ${this.token}`, "content-type": "application/json" },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  }

  async createRoom(invite: readonly string[], name: string): Promise<string> {
    return (await this.request<{ room_id: string }>("POST", "/createRoom", { preset: "private_chat", name, invite })).room_id;
  }

  async say(roomId: string, body: string): Promise<string> {
    this.txn += 1;
    const path = `/rooms/${encodeURIComponent(roomId)}/send/m.room.message/bench${Date.now()}.${this.txn}`;
    return (await this.request<{ event_id: string }>("PUT", path, { msgtype: "m.text", body })).event_id;
  }

  /** Skips everything up to now, so later waits only see new events. */
  async catchUp(): Promise<void> {
    const sync = await this.request<{ next_batch: string }>("GET", `/sync?timeout=0${this.since === undefined ? "" : `&since=${this.since}`}`);
    this.since = sync.next_batch;
  }

  /** Long-polls until `sender` replies to `eventId`. */
  async waitForReply(roomId: string, eventId: string, sender: string): Promise<void> {
    for (;;) {
      const sync = await this.request<{ next_batch: string; rooms?: { join?: Record<string, { timeline?: { events?: { sender: string; content: Record<string, unknown> }[] } }> } }>(
        "GET",
        `/sync?timeout=30000${this.since === undefined ? "" : `&since=${this.since}`}`,
      );
      this.since = sync.next_batch;
      const events = sync.rooms?.join?.[roomId]?.timeline?.events ?? [];
      const found = events.some((event) => {
        const relation = event.content["m.relates_to"] as { "m.in_reply_to"?: { event_id?: string } } | undefined;
        return event.sender === sender && relation?.["m.in_reply_to"]?.event_id === eventId;
      });
      if (found) return;
    }
  }
}
