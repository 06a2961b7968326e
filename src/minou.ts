import { join } from "node:path";
import { allCommands } from "../commands/index.ts";
import { AgendaReactions } from "./agenda/agenda-reactions.ts";
import { ANNOUNCEMENT_PURPOSE } from "./agenda/announcement.ts";
import { agendaRoutes } from "./agenda/feed-routes.ts";
import { remindersJob } from "./agenda/jobs/reminders.ts";
import { weeklyDigestJob } from "./agenda/jobs/weekly-digest.ts";
import { liveAnnouncements } from "./agenda/live-announcements.ts";
import { storeAgendaSource } from "./agenda/store-source.ts";
import { liveDocumentIndex, recordIndexSent } from "./documents/index-message.ts";
import { linkCheckJob } from "./documents/jobs/link-check-job.ts";
import { DOCUMENT_INDEX_PURPOSE } from "./documents/model.ts";
import { LiveMessageEditor } from "./pipeline/live-messages.ts";
import { ReactionHandler } from "./reactions/reaction-handler.ts";
import { liveSummaries } from "./polls/live-summaries.ts";
import { PollEvents } from "./polls/poll-events.ts";
import { pollDeadlinesJob, recountPoll } from "./polls/poll-deadlines.ts";
import { PollReactions } from "./polls/poll-reactions.ts";
import { MemberJoins } from "./onboarding/member-joins.ts";
import { WelcomeJob } from "./onboarding/welcome-job.ts";
import { memberCountsJob } from "./jobs/member-counts.ts";
import { purgeLeftRoomsJob } from "./jobs/purge-left-rooms.ts";
import { trainingOffersJob, trainingRemindersJob } from "./trainings/jobs.ts";
import { liveTrainingAnnouncements } from "./trainings/live-announcements.ts";
import { TrainingReactions } from "./trainings/training-reactions.ts";
import { openDatabase } from "../storage/database.ts";
import { createStores, type Stores } from "../storage/index.ts";
import type { MinouConfig } from "./config/load.ts";
import { Dispatcher } from "./dispatch/dispatcher.ts";
import { CommandRegistry } from "./dispatch/registry.ts";
import { EncryptionSession } from "./crypto/encryption-session.ts";
import { withEncryption } from "./crypto/encrypting-transport.ts";
import { healthRoute, HttpServer } from "./http/server.ts";
import { purgeHandledEventsJob } from "./jobs/purge-handled-events.ts";
import { personalDataParts } from "./privacy/parts.ts";
import { retentionPurgeJob } from "./privacy/retention-job.ts";
import { createLogger, type Logger } from "./log.ts";
import { MinouMatrixClient } from "./matrix/minou-client.ts";
import { classifyFailure } from "./matrix/request-errors.ts";
import { defaultRetryPolicy, type RetryPolicy } from "./matrix/retry.ts";
import { routeSdkLogs } from "./matrix/sdk-logging.ts";
import { botTransport, type MatrixTransport } from "./matrix/transport.ts";
import { fillTimelineGaps } from "./pipeline/gap-filler.ts";
import { InboundProcessor } from "./pipeline/inbound-processor.ts";
import { InviteHandler } from "./pipeline/invites.ts";
import { OutboxSender } from "./pipeline/outbox-sender.ts";
import { RoomStateCache } from "./pipeline/room-state.ts";
import { SyncIntake, markDirectRooms, type SyncResponse } from "./pipeline/sync-intake.ts";
import { Scheduler } from "./scheduler.ts";
import { liveAnnouncementProgress } from "./staff-announcements/delivery.ts";
import { scheduledAnnouncementsJob } from "./staff-announcements/job.ts";
import { wireStaffAnnouncements } from "./staff-announcements/wiring.ts";
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

// Only what Minou reads: no presence, typing or receipts; of its account data, `m.direct` (which
// rooms are DMs). A larger timeline than Synapse's default 10 means fewer gaps to fill after a
// busy moment.
const SYNC_FILTER = {
  presence: { types: [] },
  account_data: { types: ["m.direct"] },
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
  private readonly liveMessages: LiveMessageEditor;
  private readonly welcomes: WelcomeJob;
  private readonly log: Logger;
  private stopped = false;
  private readonly stopping = new AbortController();
  private resolveReady: () => void = () => undefined;
  /** Resolves once the first sync answer is stored. */
  readonly ready: Promise<void> = new Promise((resolve) => (this.resolveReady = resolve));
  private isReady = false;
  private ingest: (sync: SyncResponse) => Promise<void> = async () => undefined;
  private boundPort: number | undefined;
  private encryption: EncryptionSession | undefined;

  constructor(private readonly options: MinouOptions) {
    const { config, accessToken } = options;
    const now = options.now ?? Date.now;
    const retryPolicy = options.retryPolicy ?? defaultRetryPolicy;
    this.log = options.log ?? createLogger(config.logLevel);
    this.log.addSecret(accessToken);
    routeSdkLogs(this.log, config.logLevel);

    this.stores = createStores(openDatabase(options.databasePath ?? join(config.dataDirectory, "minou.sqlite")));
    this.client = new MinouMatrixClient(config.homeserverUrl, accessToken, {
      storage: this.stores.botState,
      intake: (sync) => this.ingest(sync),
      longPollMs: options.syncTimeoutMs ?? 30_000,
      log: this.log.child("sync"),
    });
    const client = this.client;
    const transport = withEncryption(botTransport(client), () => this.requireEncryption().rooms, (data, mimeType) => client.uploadContent(data, mimeType));
    const roomState = new RoomStateCache(transport, retryPolicy);
    const registry = new CommandRegistry(allCommands);

    const senderLog = this.log.child("outbox");
    this.sender = new OutboxSender(this.stores, transport, senderLog, now, { retryPolicy: { ...retryPolicy, maxAttempts: 20 }, roomConcurrency: 4, defaultLanguage: config.defaultLanguage });
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
        commands: {
          defaultLanguage: config.defaultLanguage,
          publicBaseUrl: config.http.publicBaseUrl,
          agenda: {
            defaultDurationMinutes: config.agenda.defaultDurationMinutes,
            defaultReminderMinutes: config.agenda.defaultReminderMinutes,
          },
          services: config.services,
          ...(config.staffRoom === undefined ? {} : { staffRoom: config.staffRoom }),
          retention: config.retention,
        },
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
    this.sender.onSent(ANNOUNCEMENT_PURPOSE, (ref, eventId) => this.stores.agenda.events.setAnnouncement(Number(ref), eventId));
    this.liveMessages = new LiveMessageEditor(
      this.stores,
      [
        liveAnnouncements(this.stores, config.defaultLanguage),
        liveSummaries(this.stores, config.defaultLanguage, config.commandPrefix),
        liveDocumentIndex(this.stores, { language: config.defaultLanguage, timeZone: config.timeZone, prefix: config.commandPrefix }),
        liveTrainingAnnouncements(this.stores, config.defaultLanguage, config.commandPrefix),
        liveAnnouncementProgress(this.stores, config.defaultLanguage),
      ],
      config.editDebounceSeconds * 1000,
      now,
      () => this.sender.wake(),
      this.log.child("agenda"),
      () => this.sender.budget.paceMs,
    );
    const polls = this.stores.polls.polls;
    this.sender.onSent("poll.start", (ref, eventId) => polls.setStartEvent(Number(ref), eventId));
    this.sender.onSent("poll.summary", (ref, eventId) => polls.setSummaryEvent(Number(ref), eventId));
    this.sender.onSent("poll.slot", (ref, eventId) => {
      const [pollId, position] = (ref ?? "").split(":").map(Number);
      polls.setSlotMessage(pollId ?? 0, position ?? 0, eventId);
    });
    const scheduleEdits = (): void => this.liveMessages.schedule();
    wireStaffAnnouncements(this.sender, this.stores, { defaultLanguage: config.defaultLanguage, messagesPerSecond: config.announcements.messagesPerSecond }, now, scheduleEdits);
    // Changes made while the index was on its way are edited in as soon as its event id is known.
    this.sender.onSent(DOCUMENT_INDEX_PURPOSE, (ref, eventId) => {
      recordIndexSent(this.stores, ref, eventId, now());
      scheduleEdits();
    });
    const messaging = { language: config.defaultLanguage, prefix: config.commandPrefix };
    this.sender.onSent("training.announcement", (ref, eventId, message) => this.stores.trainings.trainings.setAnnouncement(Number(ref), message.roomId, eventId));
    const reactions = new ReactionHandler(
      [new AgendaReactions(this.stores, now, scheduleEdits), new PollReactions(this.stores, now, scheduleEdits), new TrainingReactions(this.stores, messaging, now, scheduleEdits)],
      config.userId,
      (sender, sentAt) => this.stores.privacy.erasedMembers.sentBeforeErasure(sender, sentAt),
    );
    const pollEvents = new PollEvents(this.stores, config.userId, { timeZone: config.timeZone, language: config.defaultLanguage });
    this.welcomes = new WelcomeJob(
      this.stores,
      { defaultLanguage: config.defaultLanguage, prefix: config.commandPrefix },
      roomState,
      config.onboarding.welcomeDelaySeconds * 1000,
      now,
      () => this.sender.wake(),
      this.log.child("onboarding"),
    );
    const memberJoins = new MemberJoins(
      this.stores,
      { botUserId: config.userId, defaultLanguage: config.defaultLanguage, prefix: config.commandPrefix, services: config.services },
      () => this.welcomes.schedule(),
    );
    this.processor = new InboundProcessor(this.stores, [dispatcher, reactions, pollEvents, memberJoins], this.log.child("inbox"), now, () => {
      this.sender.wake();
      // Commands such as !agenda modifier leave live messages to update…
      this.liveMessages.schedule();
      // …and !sondage clore leaves a poll due now.
      if (polls.due(now()).length > 0) void this.scheduler.tick();
    });
    this.invites = new InviteHandler(this.stores, transport, config.allowedServers, this.log.child("invites"), retryPolicy);

    const intake = new SyncIntake({ stores: this.stores, botUserId: config.userId, roomState, now });
    this.ingest = async (raw) => {
      if (this.stopped) return;
      const encryption = this.requireEncryption();
      // Room keys are on disk before the token of the sync that brought them can be.
      const keysArrived = await encryption.receive(raw);
      // Stopping ends the retries: the answer is then dropped, its token unsaved.
      const complete = await fillTimelineGaps(raw, this.stores, transport, { ...retryPolicy, signal: this.stopping.signal }, this.log.child("sync"));
      const readable = await encryption.decrypt(complete, this.stores.botState.getSyncToken() === null);
      if (this.stopped) return;
      intake.ingest(readable);
      if (keysArrived) await encryption.openAwaiting();
      this.processor.wake();
      this.sender.wake();
      this.invites.answerPending();
      if (!this.isReady) {
        this.isReady = true;
        this.resolveReady();
        this.log.info("Minou ready", { joinedRooms: this.stores.rooms.withMembership("join").length });
        // Votes cast while Minou was away are fetched again from the homeserver.
        void this.recountOpenPolls(transport, retryPolicy);
      }
    };

    const wakeSender = (): void => this.sender.wake();
    this.scheduler = new Scheduler(
      [
        remindersJob(
          this.stores,
          { defaultOffsetsMinutes: config.agenda.defaultReminderMinutes, graceMinutes: config.agenda.reminderGraceMinutes, defaultLanguage: config.defaultLanguage },
          roomState,
          wakeSender,
          this.log.child("agenda"),
        ),
        this.liveMessages,
        pollDeadlinesJob(
          this.stores,
          transport,
          { defaultLanguage: config.defaultLanguage, prefix: config.commandPrefix, botUserId: config.userId, retryPolicy },
          roomState,
          wakeSender,
          this.log.child("polls"),
        ),
        trainingOffersJob(this.stores, messaging, wakeSender, this.log.child("trainings")),
        trainingRemindersJob(this.stores, messaging, wakeSender, this.log.child("trainings")),
        weeklyDigestJob(this.stores, { language: config.defaultLanguage, timeZone: config.timeZone }, wakeSender, this.log.child("agenda")),
        scheduledAnnouncementsJob(this.stores, config.defaultLanguage, roomState, wakeSender, this.log.child("staff-announcements")),
        this.welcomes,
        purgeHandledEventsJob(this.stores, config.retention.handledEventsDays),
        retentionPurgeJob(this.stores, personalDataParts, config.retention, this.log.child("privacy")),
        purgeLeftRoomsJob(this.stores, config.retention.leftRoomsDays, this.log.child("rooms")),
        memberCountsJob(this.stores, transport, retryPolicy, this.log.child("rooms")),
        // Last: its network checks may take a few seconds, and every other job has run by then.
        linkCheckJob(
          this.stores,
          { ...config.documents.linkCheck, defaultLanguage: config.defaultLanguage, prefix: config.commandPrefix },
          wakeSender,
          this.log.child("documents"),
        ),
      ],
      this.log.child("scheduler"),
      now,
    );
    const agendaSource = storeAgendaSource(this.stores, { language: config.defaultLanguage, timeZone: config.timeZone });
    this.http = new HttpServer(
      [
        healthRoute(() => this.isReady),
        ...agendaRoutes(agendaSource, { publicBaseUrl: config.http.publicBaseUrl, centreName: config.centre.name, now, log: this.log.child("feeds") }),
      ],
      this.log.child("http"),
    );
  }

  private async recountOpenPolls(transport: MatrixTransport, retryPolicy: RetryPolicy): Promise<void> {
    for (const poll of this.stores.polls.polls.openNative()) {
      if (this.stopped) return;
      try {
        const added = await recountPoll(this.stores, transport, poll, retryPolicy);
        if (added > 0) this.log.info("poll recount after restart found missed votes", { poll: poll.id, added });
      } catch (error) {
        this.log.warn("poll recount failed", { poll: poll.id, error });
      }
    }
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
    if (whoami.user_id !== config.userId) {
      throw new Error(`Le jeton d'accès appartient à ${whoami.user_id}, pas à ${config.userId} (clé userId).`);
    }
    if (whoami.device_id === undefined) throw new Error("Le jeton d'accès n'est lié à aucun appareil : créez-en un avec « npm run login ».");
    this.encryption = await EncryptionSession.start({
      client: this.client,
      userId: config.userId,
      deviceId: whoami.device_id,
      dataDirectory: config.dataDirectory,
      stores: this.stores,
      retryPolicy: this.options.retryPolicy ?? defaultRetryPolicy,
      log: this.log,
      now: this.options.now ?? Date.now,
    });
    // Keys that arrived just before a crash may open commands stored while waiting for them.
    await this.encryption.openAwaiting();
    this.boundPort = await this.http.listen(config.http.bind, config.http.port);
    this.scheduler.start();
    // Work left by a previous run (a crash) goes first.
    this.processor.wake();
    this.sender.wake();
    this.invites.answerPending();
    await this.readDirectRooms();
    await this.client.start(SYNC_FILTER);
    this.log.info("Minou started", { userId: config.userId, version, http: `${config.http.bind}:${this.boundPort}` });
  }

  /**
   * Minou's `m.direct` as it is now: sync brings it only when it changes, and the DMs members
   * opened before Minou kept `is_direct` are known from it alone (matrix-bot-sdk wrote them there).
   */
  private async readDirectRooms(): Promise<void> {
    let content: unknown;
    try {
      content = await this.client.getAccountData("m.direct");
    } catch (error) {
      const failure = classifyFailure(error);
      if (failure.kind !== "permanent" || failure.status !== 404) this.log.warn("m.direct not read, DMs known from sync only", { failure: failure.description });
      return;
    }
    this.stores.transaction(() => markDirectRooms(this.stores, content));
  }

  /** Runs the scheduled jobs (reminders, digests…) now, as the next tick would. */
  async tick(): Promise<void> {
    await this.scheduler.tick();
  }

  /**
   * Sync loop, cron jobs, HTTP server, then the work in progress and the database, in that order.
   * A sync answer being stored is awaited first, so none is half-handled when the database closes.
   */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    this.stopping.abort(new Error("stopping"));
    await this.client.stopSync();
    await this.scheduler.stop();
    this.liveMessages.stop();
    this.welcomes.stop();
    await this.http.close();
    await this.processor.stop();
    await this.sender.stop();
    await this.invites.waitForIdle();
    await this.encryption?.stop();
    this.stores.botState.detach();
    this.stores.db.close();
    this.log.info("Minou stopped");
  }
}
