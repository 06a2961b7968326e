import { AutojoinRoomsMixin, LogLevel, LogService, MatrixClient, MemoryStorageProvider } from "matrix-bot-sdk";

/**
 * The baseline: a bare matrix-bot-sdk bot that answers every "!" message with a notice replying
 * to it. No database, no parsing, no permissions: what Minou's overhead is measured against.
 * Usage: tsx bench/support/echo-bot.ts <homeserverUrl> <accessToken>
 */
const [homeserverUrl, accessToken] = process.argv.slice(2);
if (homeserverUrl === undefined || accessToken === undefined) throw new Error("usage: echo-bot <homeserverUrl> <accessToken>");
LogService.setLevel(LogLevel.ERROR);

class EchoClient extends MatrixClient {
  private announced = false;
  protected override async processSync(raw: unknown, emitFn?: (type: string, ...payload: unknown[]) => Promise<unknown>): Promise<unknown> {
    const result = await super.processSync(raw, emitFn);
    if (!this.announced) {
      this.announced = true;
      const rooms = Object.keys((raw as { rooms?: { join?: object } }).rooms?.join ?? {}).length;
      console.log(`READY rooms=${rooms}`);
    }
    return result;
  }
}

const client = new EchoClient(homeserverUrl, accessToken, new MemoryStorageProvider());
AutojoinRoomsMixin.setupOnClient(client);
const self = await client.getUserId();
client.on("room.message", (roomId: string, event: { sender: string; event_id: string; content: { body?: unknown } }) => {
  if (event.sender === self || typeof event.content.body !== "string" || !event.content.body.startsWith("!")) return;
  void client.sendMessage(roomId, {
    msgtype: "m.notice",
    body: event.content.body,
    "m.relates_to": { "m.in_reply_to": { event_id: event.event_id } },
  });
});
await client.start();
process.on("SIGTERM", () => {
  client.stop();
  process.exit(0);
});
