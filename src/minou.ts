import { join } from "node:path";
import { allCommands } from "../commands/index.ts";
import { openDatabase } from "../storage/database.ts";
import { createStores, type Stores } from "../storage/index.ts";
import type { MinouConfig } from "./config/load.ts";
import { Dispatcher } from "./dispatch/dispatcher.ts";
import { CommandRegistry } from "./dispatch/registry.ts";
import { healthRoute, HttpServer } from "./http/server.ts";
import { messagesFor } from "./i18n/runtime-messages.ts";
import { purgeHandledEventsJob } from "./jobs/purge-handled-events.ts";
import { createLogger, type Logger } from "./log.ts";
import { MinouMatrixClient } from "./matrix/minou-client.ts";
import { noticeContent } from "./matrix/reply-content.ts";
import { defaultRetryPolicy, type RetryPolicy } from "./matrix/retry.ts";
import { routeSdkLogs } from "./matrix/sdk-logging.ts";
import { botTransport } from "./matrix/transport.ts";
import { txnIdFor } from "./matrix/txn-id.ts";
import { fillTimelineGaps } from "./pipeline/gap-filler.ts";
import { InboundProcessor } from "./pipeline/inbound-processor.ts";
import { InviteHandler } from "./pipeline/invites.ts";
import { OutboxSender } from "./pipeline/outbox-sender.ts";
import { RoomStateCache } from "./pipeline/room-state.ts";
import { SyncIntake, type SyncResponse } from "./pipeline/sync-intake.ts";
import { renderMessage } from "./render/render-message.ts";
import { Scheduler } from "./scheduler.ts";
import { version } from "./version.ts";

export interface MinouOptions {
  readonly config: MinouConfig;
  readonly accessToken: string;
  readonly log?: Logger;
  readonly now?: () => number;
  /** Default: minou.sqlite in the data directory. */
  readonly databasePath?: string;
  /** Long-poll duration of each /sync (ms). */
  readonly syncTimeoutMs?: number;
  readonly retryPolicy?: RetryPolicy;
}

// Only what Minou reads: no presence, typing or receipts. A larger timeline than Synapse's
// default 10 means fewer gaps to fill after a busy moment.
const SYNC_FILTER = {
  presence: { types: [] },
  account_data: { types: [] },
  room: { timeline: { limit: 50 }, ephemeral: { types: [] }, account_data: { types: [] } },
};

/** One running Minou: `start()` brings every part up, `stop()` takes them down in reverse. */
export class Minou {
  readonly stores: Stores;
  private readonly client: MinouMatrixClient;
  private readonly http: HttpServer;
  private readonly scheduler: Scheduler;
  private readonly processor: InboundProcessor;
  private readonly sender: OutboxSender;
  private readonly invites: InviteHandler;
  private readonly log: Logger;
  private stopped = false;
  private resolveReady: () => void = () => undefined;
  /** Resolves once the first sync answer is stored. */
  readonly ready: Promise<void> = new Promise((resolve) => (this.resolveReady = resolve));
  private isReady = false;
  private ingest: (sync: SyncResponse) => Promise<void> = async () => undefined;
  private boundPort: number | undefined;

  constructor(private readonly options: MinouOptions) {
    const { config, accessToken } = options;
    const now = options.now ?? Date.now;
    const retryPolicy = options.retryPolicy ?? defaultRetryPolicy;
    this.log = options.log ?? createLogger(config.logLevel);
    this.log.addSecret(accessToken);
    routeSdkLogs(this.log, config.logLevel);

    this.stores = createStores(openDatabase(options.databasePath ?? join(config.dataDirectory, "minou.sqlite")));
    this.client = new MinouMatrixClient(
      config.homeserverUrl,
      accessToken,
      this.stores.botState,
      (sync) => this.ingest(sync),
      options.syncTimeoutMs ?? 30_000,
    );
    const transport = botTransport(this.client);
    const roomState = new RoomStateCache(transport, retryPolicy);
    const registry = new CommandRegistry(allCommands);

    const senderLog = this.log.child("outbox");
    this.sender = new OutboxSender(this.stores, transport, senderLog, now, { retryPolicy: { ...retryPolicy, maxAttempts: 20 }, roomConcurrency: 4 });
    const dispatcher = new Dispatcher(
      registry,
      this.stores,
      roomState,
      {
        botUserId: config.userId,
        prefix: config.commandPrefix,
        names: config.names,
        admins: config.admins,
        staff: config.staff,
        defaultLanguage: config.defaultLanguage,
        defaultTimeZone: config.timeZone,
        floodGuard: config.floodGuard,
      },
      {
        version,
        startedAt: now(),
        centreName: config.centre.name,
        ...(config.centre.contact === undefined ? {} : { contact: config.centre.contact }),
        ...(config.centre.sourceCodeUrl === undefined ? {} : { sourceCodeUrl: config.centre.sourceCodeUrl }),
      },
      this.log.child("dispatch"),
      now,
    );
    this.processor = new InboundProcessor(this.stores, [dispatcher], this.log.child("inbox"), now, () => this.sender.wake());
    this.invites = new InviteHandler(this.stores, transport, config.allowedServers, this.log.child("invites"), now, retryPolicy);

    const intake = new SyncIntake({
      stores: this.stores,
      botUserId: config.userId,
      roomState,
      now,
      encryptionNotice: (roomId) => {
        const language = this.stores.rooms.get(roomId)?.language ?? config.defaultLanguage;
        const text = messagesFor(language).encryptedRoom(config.commandPrefix);
        return {
          txnId: txnIdFor(`encryption-notice:${roomId}`),
          roomId,
          eventType: "m.room.message",
          content: noticeContent(renderMessage(text)),
          context: "encrypted room notice",
        };
      },
    });
    this.ingest = async (raw) => {
      if (this.stopped) return;
      const complete = await fillTimelineGaps(raw, this.stores, transport, retryPolicy, this.log.child("sync"));
      if (this.stopped) return;
      intake.ingest(complete);
      this.processor.wake();
      this.sender.wake();
      this.invites.answerPending();
      if (!this.isReady) {
        this.isReady = true;
        this.resolveReady();
        this.log.info("Minou ready", { joinedRooms: this.stores.rooms.withMembership("join").length });
      }
    };

    this.scheduler = new Scheduler([purgeHandledEventsJob(this.stores, config.retention.handledEventsDays)], this.log.child("scheduler"), now);
    this.http = new HttpServer([healthRoute(() => this.isReady)], this.log.child("http"));
  }

  /** The HTTP port actually bound (useful with port 0). */
  get httpPort(): number | undefined {
    return this.boundPort;
  }

  async start(): Promise<void> {
    const { config } = this.options;
    const whoami = await this.client.getWhoAmI();
    if (whoami.user_id !== config.userId) {
      throw new Error(`Le jeton d'accès appartient à ${whoami.user_id}, pas à ${config.userId} (clé userId).`);
    }
    this.boundPort = await this.http.listen(config.http.bind, config.http.port);
    this.scheduler.start();
    // Work left by a previous run (a crash) goes first.
    this.processor.wake();
    this.sender.wake();
    this.invites.answerPending();
    await this.client.start(SYNC_FILTER);
    this.log.info("Minou started", { userId: config.userId, version, http: `${config.http.bind}:${this.boundPort}` });
  }

  /** Sync loop, cron jobs, HTTP server, then the work in progress and the database, in that order. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    this.client.stop();
    await this.scheduler.stop();
    await this.http.close();
    await this.processor.stop();
    await this.sender.stop();
    await this.invites.waitForIdle();
    this.stores.botState.detach();
    this.stores.db.close();
    this.log.info("Minou stopped");
  }
}
