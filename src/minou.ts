import { join } from "node:path";
import { openDatabase } from "../storage/database.ts";
import type { Stores } from "../storage/index.ts";
import { aboutMinou, dispatcherSettings } from "./compose-features.ts";
import type { MinouConfig } from "./config/load.ts";
import { withEncryption } from "./crypto/encrypting-transport.ts";
import { EncryptionSession } from "./crypto/encryption-session.ts";
import type { Feature } from "./feature.ts";
import { allFeatures, openStores } from "./features.ts";
import { createLogger, type Logger } from "./log.ts";
import { MinouMatrixClient } from "./matrix/minou-client.ts";
import { defaultRetryPolicy, type RetryPolicy } from "./matrix/retry.ts";
import { routeSdkLogs } from "./matrix/sdk-logging.ts";
import { botTransport } from "./matrix/transport.ts";
import { Pipeline } from "./pipeline/pipeline.ts";
import { syncIngest } from "./pipeline/sync-ingest.ts";
import { SyncIntake } from "./pipeline/sync-intake.ts";
import { readDirectRooms, SYNC_FILTER } from "./pipeline/sync-start.ts";
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
  /** The features to run. Default: all of them (src/features.ts). */
  readonly features?: readonly Feature[];
}

/**
 * One running Minou: the Matrix client and its encryption, and the pipeline running the features.
 * `start()` brings every part up, `stop()` takes them down in reverse.
 */
export class Minou {
  readonly stores: Stores;
  private readonly client: MinouMatrixClient;
  private readonly pipeline: Pipeline;
  private readonly log: Logger;
  private readonly retryPolicy: RetryPolicy;
  private stopped = false;
  private readonly stopping = new AbortController();
  private resolveReady: () => void = () => undefined;
  /** Resolves once the first sync answer is stored. */
  readonly ready: Promise<void> = new Promise((resolve) => (this.resolveReady = resolve));
  private isReady = false;
  private boundPort: number | undefined;
  private encryption: EncryptionSession | undefined;

  constructor(private readonly options: MinouOptions) {
    const { config, accessToken } = options;
    const now = options.now ?? Date.now;
    const retryPolicy = (this.retryPolicy = options.retryPolicy ?? defaultRetryPolicy);
    const log = (this.log = options.log ?? createLogger(config.logLevel));
    log.addSecret(accessToken);
    routeSdkLogs(log, config.logLevel);
    const stores = (this.stores = openStores(openDatabase(options.databasePath ?? join(config.dataDirectory, "minou.sqlite"))));
    const client = (this.client = new MinouMatrixClient(config.homeserverUrl, accessToken, {
      storage: stores.botState,
      intake: (sync) => ingest(sync),
      longPollMs: options.syncTimeoutMs ?? 30_000,
      log: log.child("sync"),
    }));
    const transport = withEncryption(botTransport(client), () => this.requireEncryption().rooms, (data, mimeType) => client.uploadContent(data, mimeType));
    const features = options.features ?? allFeatures;
    const dispatcher = dispatcherSettings(config, features);
    const about = aboutMinou(config, version, now());
    this.pipeline = new Pipeline({ config, stores, transport, retryPolicy, features, dispatcher, about, now, log, stopping: this.stopping.signal, isReady: () => this.isReady });
    const intake = new SyncIntake({ stores, botUserId: config.userId, roomState: this.pipeline.roomState, now, roomLeft: (roomId, at) => this.pipeline.features.roomLeft(roomId, at) });
    const ingest = syncIngest({
      stores,
      transport,
      retryPolicy: { ...retryPolicy, signal: this.stopping.signal },
      intake,
      encryption: () => this.requireEncryption(),
      log: log.child("sync"),
      stored: () => this.stored(),
    });
  }

  private stored(): void {
    this.pipeline.wake();
    if (this.isReady) return;
    this.isReady = true;
    this.resolveReady();
    this.log.info("Minou ready", { joinedRooms: this.stores.rooms.withMembership("join").length });
    void this.pipeline.features.whenReady();
  }

  /** The HTTP port actually bound (useful with port 0). */
  get httpPort(): number | undefined {
    return this.boundPort;
  }

  private requireEncryption(): EncryptionSession {
    if (this.encryption === undefined) throw new Error("encryption is not started");
    return this.encryption;
  }

  async start(): Promise<void> {
    const { config } = this.options;
    const whoami = await this.client.getWhoAmI();
    if (whoami.user_id !== config.userId) throw new Error(`Le jeton d'accès appartient à ${whoami.user_id}, pas à ${config.userId} (clé userId).`);
    if (whoami.device_id === undefined) throw new Error("Le jeton d'accès n'est lié à aucun appareil : créez-en un avec « npm run login ».");
    const { stores, log, retryPolicy } = this;
    this.encryption = await EncryptionSession.start({ client: this.client, userId: config.userId, deviceId: whoami.device_id, dataDirectory: config.dataDirectory, stores, retryPolicy, log, now: this.options.now ?? Date.now });
    // Keys that arrived just before a crash may open commands stored while waiting for them.
    await this.encryption.openAwaiting();
    this.boundPort = await this.pipeline.http.listen(config.http.bind, config.http.port);
    this.pipeline.scheduler.start();
    // Work left by a previous run (a crash) goes first.
    this.pipeline.wake();
    await readDirectRooms(this.client, stores, log);
    await this.client.start(SYNC_FILTER);
    log.info("Minou started", { userId: config.userId, version, http: `${config.http.bind}:${this.boundPort}` });
  }

  /** Runs the scheduled jobs (reminders, digests…) now, as the next tick would. */
  async tick(): Promise<void> {
    await this.pipeline.scheduler.tickAfterCurrent();
  }

  /**
   * Sync loop, then the pipeline (cron jobs, HTTP server, work in progress) and the database, in
   * that order. A sync answer being stored is awaited first, so none is half-handled when the
   * database closes.
   */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    this.stopping.abort(new Error("stopping"));
    await this.client.stopSync();
    await this.pipeline.stop();
    await this.encryption?.stop();
    this.stores.botState.detach();
    this.stores.db.close();
    this.log.info("Minou stopped");
  }
}
