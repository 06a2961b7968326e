import type { MatrixEvent } from "matrix-js-sdk";
import { ClientEvent, createClient, MatrixError, Method, RoomEvent, RoomMemberEvent, type AuthDict, type MatrixClient, type Room } from "matrix-js-sdk";
import { OnlySignedDevicesIsolationMode, type CryptoApi } from "matrix-js-sdk/lib/crypto-api/index.js";
import { logger, type Logger } from "matrix-js-sdk/lib/logger.js";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import type { TestHomeserver } from "../homeserver/index.ts";
import { waitFor } from "./wait.ts";

type LogMethod = (...messages: unknown[]) => void;
interface LoglevelLogger {
  setLevel(level: string): void;
  getChild(name: string): LoglevelLogger;
  methodFactory: (methodName: string, level: number, loggerName: string | symbol) => LogMethod;
  rebuild(): void;
}
// matrix-js-sdk logs through loglevel at debug level; only errors matter in tests and the demo.
// Its call (MatrixRTC) manager reports an error for every state event of a room it has not yet
// stored, which is harmless here: Minou's rooms hold no calls.
const sdkLogger = logger as unknown as LoglevelLogger;
sdkLogger.setLevel("error");
sdkLogger.getChild("[MatrixRTCSessionManager]").setLevel("silent");
// Child loggers (the crypto's per-room "[!room encryption]" ones) force their own level to debug
// but inherit the root's method factory: make that one keep errors only.
const sdkMethodFactory = sdkLogger.methodFactory;
sdkLogger.methodFactory = (methodName, level, loggerName) =>
  methodName === "error" ? sdkMethodFactory(methodName, level, loggerName) : () => undefined;
sdkLogger.rebuild();

export interface ConnectOptions {
  /** Rust crypto (in memory, as Element's), started before the first sync: the member reads and sends encrypted. */
  encryption?: boolean;
  /**
   * Element's "exclude insecure devices" (MSC4153): room keys go only to cross-signed devices,
   * and messages from devices that are not cross-signed do not decrypt. Implies `encryption`.
   */
  onlyCrossSignedDevices?: boolean;
  /** Joins the rooms this user invites the member to, as someone accepting a DM in Element would. */
  acceptInvitesFrom?: string;
}

/** Errors only, for the clients with crypto: their per-room encryption loggers otherwise log at debug. */
const quietLogger: Logger = {
  trace: () => undefined,
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: (...messages: unknown[]) => console.error(...messages),
  getChild: () => quietLogger,
};

interface RustTracing {
  minLevel: number;
  turnOn(): void;
}
let rustTracingQuieted: Promise<void> | undefined;

/**
 * initRustCrypto turns the Rust crypto's tracing (one global subscriber) on at debug level each
 * time. Make that turnOn() settle on errors instead, on the very module instance matrix-js-sdk
 * loads (its own nested copy of matrix-sdk-crypto-wasm, ESM build for Node).
 */
function quietRustCrypto(): Promise<void> {
  rustTracingQuieted ??= (async () => {
    const fromSdk = createRequire(import.meta.resolve("matrix-js-sdk"));
    const directory = dirname(fromSdk.resolve("@matrix-org/matrix-sdk-crypto-wasm"));
    const wasm = (await import(pathToFileURL(join(directory, "node.mjs")).href)) as {
      Tracing: { prototype: RustTracing };
      LoggerLevel: { Error: number };
    };
    const turnOn = wasm.Tracing.prototype.turnOn;
    wasm.Tracing.prototype.turnOn = function (this: RustTracing): void {
      turnOn.call(this);
      this.minLevel = wasm.LoggerLevel.Error;
    };
  })();
  return rustTracingQuieted;
}

/** TestHomeserver.registerUser's default password, needed again for user-interactive auth. */
const PASSWORD = "password";

/** A member of an association, using matrix-js-sdk as Element does. */
export class Member {
  private constructor(
    readonly userId: string,
    readonly client: MatrixClient,
  ) {}

  static async connect(homeserver: Pick<TestHomeserver, "url" | "registerUser">, localpart: string, options: ConnectOptions = {}): Promise<Member> {
    const account = await homeserver.registerUser(localpart, PASSWORD);
    const encryption = options.encryption === true || options.onlyCrossSignedDevices === true;
    const client = createClient({
      baseUrl: homeserver.url,
      userId: account.userId,
      accessToken: account.accessToken,
      deviceId: account.deviceId,
      ...(encryption ? { logger: quietLogger } : {}),
    });
    if (encryption) {
      await quietRustCrypto();
      // No IndexedDB in Node: the crypto store lives in memory, for the life of the member.
      await client.initRustCrypto({ useIndexedDB: false });
      if (options.onlyCrossSignedDevices === true) client.getCrypto()?.setDeviceIsolationMode(new OnlySignedDevicesIsolationMode());
    }
    const prepared = new Promise<void>((resolve) => {
      client.on(ClientEvent.Sync, (state) => {
        if (state === "PREPARED") resolve();
      });
    });
    const inviter = options.acceptInvitesFrom;
    if (inviter !== undefined) {
      client.on(RoomMemberEvent.Membership, (event, member) => {
        if (member.userId === account.userId && member.membership === "invite" && event.getSender() === inviter) void client.joinRoom(member.roomId).catch(() => undefined);
      });
    }
    await client.startClient({ initialSyncLimit: 50 });
    await prepared;
    return new Member(account.userId, client);
  }

  /** Stops syncing and, with encryption, closes the crypto machine (matrix-js-sdk's stopClient does both). */
  stop(): void {
    this.client.stopClient();
  }

  get crypto(): CryptoApi {
    const crypto = this.client.getCrypto();
    if (!crypto) throw new Error(`${this.userId} was connected without encryption`);
    return crypto;
  }

  /**
   * Creates and publishes this member's cross-signing keys and signs their device, answering the
   * server's password user-interactive auth as Element does: first without `auth`, then with the
   * password and the session the 401 gave.
   */
  async bootstrapCrossSigning(): Promise<void> {
    await this.crypto.bootstrapCrossSigning({
      setupNewCrossSigning: true,
      authUploadDeviceSigningKeys: async <T>(makeRequest: (auth: AuthDict | null) => Promise<T>): Promise<T> => {
        try {
          return await makeRequest(null);
        } catch (error) {
          if (!(error instanceof MatrixError) || error.httpStatus !== 401) throw error;
          const session = typeof error.data["session"] === "string" ? error.data["session"] : undefined;
          return makeRequest({ type: "m.login.password", identifier: { type: "m.id.user", user: this.userId }, password: PASSWORD, session });
        }
      },
    });
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

  /**
   * Every event of the room's live timeline, as this member's client has it. Encrypted events
   * whose decryption is still under way are left out, so readers see clear content or nothing
   * (an event that failed to decrypt stays, with `isDecryptionFailure()`).
   */
  timeline(roomId: string): MatrixEvent[] {
    return this.room(roomId)
      .getLiveTimeline()
      .getEvents()
      .filter((event) => !this.decryptionPending(event));
  }

  /** The live timeline once every pending decryption has finished. */
  async decryptedTimeline(roomId: string): Promise<MatrixEvent[]> {
    const events = this.room(roomId).getLiveTimeline().getEvents();
    await Promise.all(events.filter((event) => this.decryptionPending(event)).map((event) => this.client.decryptEventIfNeeded(event)));
    return this.timeline(roomId);
  }

  /**
   * The texts `sender` wrote in `roomId` (a DM, say), oldest first, as this member reads them:
   * none while the member has not joined it yet.
   */
  textsFrom(roomId: string | undefined, sender: string): string[] {
    return this.messagesFrom(roomId, sender).map((event) => String(event.getContent()["body"]));
  }

  /** The m.room.message events `sender` sent in `roomId`, decrypted; none before the member joined. */
  messagesFrom(roomId: string | undefined, sender: string): MatrixEvent[] {
    if (roomId === undefined || this.client.getRoom(roomId)?.getMyMembership() !== "join") return [];
    return this.timeline(roomId).filter((event) => event.getSender() === sender && event.getType() === "m.room.message");
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

  /** Resolves with the first new timeline event matching `predicate`, tested on its decrypted form. */
  nextEvent(roomId: string, predicate: (event: MatrixEvent) => boolean, timeoutMs = 10_000): Promise<MatrixEvent> {
    return new Promise((resolve, reject) => {
      let done = false;
      const finish = (): void => {
        done = true;
        clearTimeout(timer);
        this.client.off(RoomEvent.Timeline, listener);
      };
      const timer = setTimeout(() => {
        finish();
        reject(new Error(`no matching event in ${roomId} within ${timeoutMs} ms`));
      }, timeoutMs);
      const listener = (event: MatrixEvent, room: Room | undefined): void => {
        if (room?.roomId !== roomId) return;
        const decrypted = this.decryptionPending(event) ? this.client.decryptEventIfNeeded(event) : Promise.resolve();
        void decrypted.then(() => {
          if (done || !predicate(event)) return;
          finish();
          resolve(event);
        }, () => undefined);
      };
      this.client.on(RoomEvent.Timeline, listener);
    });
  }

  /**
   * An encrypted event with no clear content yet and no failure: matrix-js-sdk is still
   * decrypting it. Without crypto nothing is ever decrypted, so ciphertext is what there is.
   */
  private decryptionPending(event: MatrixEvent): boolean {
    if (this.client.getCrypto() === undefined || !event.isEncrypted()) return false;
    return event.isBeingDecrypted() || (event.getClearContent() === null && !event.isDecryptionFailure());
  }
}
