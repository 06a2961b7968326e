import { RoomMemberNames } from "../matrix/display-names.ts";
import type { Stores } from "../../storage/index.ts";
import { composeFeatures, type ComposedFeatures } from "../compose-features.ts";
import type { MinouConfig } from "../config/load.ts";
import type { AboutMinou } from "../dispatch/command.ts";
import { Dispatcher, type DispatcherSettings } from "../dispatch/dispatcher.ts";
import { CommandRegistry } from "../dispatch/registry.ts";
import type { Feature } from "../feature.ts";
import { healthRoute, HttpServer } from "../http/server.ts";
import { housekeepingJobs } from "../jobs/housekeeping.ts";
import type { Logger } from "../log.ts";
import type { RetryPolicy } from "../matrix/retry.ts";
import type { MatrixTransport } from "../matrix/transport.ts";
import { ReactionHandler } from "../reactions/reaction-handler.ts";
import { Scheduler } from "../scheduler.ts";
import { InboundProcessor } from "./inbound-processor.ts";
import { InviteHandler } from "./invites.ts";
import { LiveMessageEditor } from "./live-messages.ts";
import { OutboxSender } from "./outbox-sender.ts";
import { RoomStateCache } from "./room-state.ts";

export interface PipelineParts {
  readonly config: MinouConfig;
  readonly stores: Stores;
  readonly transport: MatrixTransport;
  readonly retryPolicy: RetryPolicy;
  readonly features: readonly Feature[];
  /** What commands read of the config, and what `!minou` tells: the composition root's to slice. */
  readonly dispatcher: DispatcherSettings;
  readonly about: AboutMinou;
  readonly now: () => number;
  readonly log: Logger;
  readonly stopping: AbortSignal;
  /** For the health route: whether the first sync answer is stored. */
  readonly isReady: () => boolean;
}

/**
 * Inbox, outbox, live edits, scheduler and HTTP, running what the features contribute. Nothing
 * here knows a feature: each kind of contribution is gathered by composeFeatures.
 */
export class Pipeline {
  readonly roomState: RoomStateCache;
  readonly sender: OutboxSender;
  readonly liveMessages: LiveMessageEditor;
  readonly processor: InboundProcessor;
  readonly invites: InviteHandler;
  readonly scheduler: Scheduler;
  readonly http: HttpServer;
  readonly features: ComposedFeatures;

  constructor({ config, stores, transport, retryPolicy, now, log, stopping, isReady, dispatcher: settings, about, ...parts }: PipelineParts) {
    const roomState = (this.roomState = new RoomStateCache(transport, retryPolicy, new RoomMemberNames(stores.roomMembers)));
    const sender = (this.sender = new OutboxSender(stores, transport, log.child("outbox"), now, { retryPolicy: { ...retryPolicy, maxAttempts: 20 }, roomConcurrency: 4, defaultLanguage: config.defaultLanguage }));
    const wakeSender = (): void => sender.wake();
    const scheduleEdits = (): void => this.liveMessages.schedule();
    const features = (this.features = composeFeatures(parts.features, { stores, now, log, config, transport, roomState, retryPolicy, wakeSender, scheduleEdits, stopping }));
    features.connect(sender);
    this.liveMessages = new LiveMessageEditor(stores, features.live, config.editDebounceSeconds * 1000, now, wakeSender, log.child("live-messages"), () => sender.budget.paceMs);
    const dispatcher = new Dispatcher(new CommandRegistry(features.commands), stores, roomState, settings, about, log.child("dispatch"), now);
    const reactions = new ReactionHandler(features.reactions, config.userId, (member, sentAt) => features.erasedSince(member, sentAt));
    this.processor = new InboundProcessor(stores, [dispatcher, reactions, ...features.inbound], log.child("inbox"), now, () => {
      sender.wake();
      // Commands leave live messages to update, and may leave work due now (a poll closed).
      this.liveMessages.schedule();
      if (features.dueNow()) void this.scheduler.tick();
    });
    this.invites = new InviteHandler(stores, transport, config.allowedServers, log.child("invites"), retryPolicy);
    const housekeeping = housekeepingJobs(stores, config.retention, features.personalData, log);
    // Slow jobs last: their network checks may take a few seconds, and every other job has run by then.
    this.scheduler = new Scheduler([...features.jobs, this.liveMessages, ...housekeeping, ...features.slowJobs], log.child("scheduler"), now);
    this.http = new HttpServer([healthRoute(isReady), ...features.routes], log.child("http"));
  }

  /** New work arrived (a sync answer stored, or left by a previous run). */
  wake(): void {
    this.processor.wake();
    this.sender.wake();
    this.invites.answerPending();
  }

  /** Cron jobs, HTTP server, then the work in progress, in that order. */
  async stop(): Promise<void> {
    await this.scheduler.stop();
    this.liveMessages.stop();
    this.features.stop();
    await this.http.close();
    await this.processor.stop();
    await this.sender.stop();
    await this.invites.waitForIdle();
  }
}
