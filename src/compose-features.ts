import type { MinouConfig } from "./config/load.ts";
import type { AboutMinou, Command, FeatureCommandSettings } from "./dispatch/command.ts";
import type { DispatcherSettings } from "./dispatch/dispatcher.ts";
import { personalDataOf, type Feature, type FeatureContext, type FeatureParts } from "./feature.ts";
import type { Route } from "./http/server.ts";
import type { InboundHandler } from "./pipeline/inbound-processor.ts";
import type { LiveMessageSource } from "./pipeline/live-messages.ts";
import type { OutboxSender } from "./pipeline/outbox-sender.ts";
import { accountPersonalData } from "./privacy/account-data.ts";
import type { PersonalDataPart } from "./privacy/personal-data.ts";
import type { ReactionConsumer } from "./reactions/reaction-handler.ts";
import type { ScheduledJob } from "./scheduler.ts";

/** Every feature's share of a member's data, then Minou's own bookkeeping (the account part), last. */
export function personalDataParts(features: readonly Feature[]): PersonalDataPart[] {
  return [...personalDataOf(features), accountPersonalData];
}

/** What the features contribute, gathered by kind in their order, for the pipeline to run. */
export interface ComposedFeatures {
  readonly commands: readonly Command[];
  readonly personalData: readonly PersonalDataPart[];
  readonly inbound: readonly InboundHandler[];
  readonly reactions: readonly ReactionConsumer[];
  readonly live: readonly LiveMessageSource[];
  readonly jobs: readonly ScheduledJob[];
  readonly slowJobs: readonly ScheduledJob[];
  readonly routes: readonly Route[];
  /** Registers the features' sent and failed hooks, and their pacers, with the outbox. */
  connect(sender: OutboxSender): void;
  dueNow(): boolean;
  roomLeft(roomId: string, at: number): void;
  erasedSince(sender: string, sentAt: number): boolean;
  whenReady(): Promise<void>;
  stop(): void;
}

export function composeFeatures(features: readonly Feature[], context: FeatureContext<MinouConfig>): ComposedFeatures {
  const built: FeatureParts[] = features.map((feature) => feature.build(context));
  const all = <T>(pick: (parts: FeatureParts) => readonly T[] | undefined): T[] => built.flatMap((parts) => pick(parts) ?? []);
  return {
    commands: features.flatMap((feature) => feature.commands),
    personalData: personalDataParts(features),
    inbound: all((parts) => parts.inbound),
    reactions: all((parts) => parts.reactions),
    live: all((parts) => parts.live),
    jobs: all((parts) => parts.jobs),
    slowJobs: all((parts) => parts.slowJobs),
    routes: all((parts) => parts.routes),
    connect(sender) {
      for (const hook of all((parts) => parts.sent)) sender.onSent(hook.purpose, hook.handle);
      for (const hook of all((parts) => parts.failed)) sender.onFailed(hook.purpose, hook.handle);
      for (const { purposes, pacer } of all((parts) => parts.paced)) sender.pace(purposes.map((purpose) => purpose.name), pacer);
    },
    dueNow: () => built.some((parts) => parts.dueNow?.() === true),
    roomLeft(roomId, at) {
      for (const parts of built) parts.roomLeft?.(roomId, at);
    },
    erasedSince: (sender, sentAt) => built.some((parts) => parts.erasedSince?.(sender, sentAt) === true),
    whenReady: async () => {
      await Promise.all(built.map(async (parts) => parts.whenReady?.()));
    },
    stop() {
      for (const parts of built) parts.stop?.();
    },
  };
}

/** The dispatcher's settings and what `!minou` tells, read from the config. */
export function dispatcherSettings(config: MinouConfig, features: readonly Feature[]): DispatcherSettings {
  const featureSettings = Object.assign({}, ...features.map((feature) => feature.commandSettings?.(config) ?? {})) as FeatureCommandSettings;
  return {
    botUserId: config.userId,
    prefix: config.commandPrefix,
    names: config.names,
    admins: config.admins,
    staff: config.staff,
    defaultLanguage: config.defaultLanguage,
    defaultTimeZone: config.timeZone,
    floodGuard: config.floodGuard,
    commands: {
      ...featureSettings,
      defaultLanguage: config.defaultLanguage,
      publicBaseUrl: config.http.publicBaseUrl,
      services: config.services,
      ...(config.staffRoom === undefined ? {} : { staffRoom: config.staffRoom }),
      retention: config.retention,
      personalData: personalDataParts(features),
    },
  };
}

export function aboutMinou(config: MinouConfig, version: string, startedAt: number): AboutMinou {
  return {
    version,
    startedAt,
    centreName: config.centre.name,
    ...(config.centre.contact === undefined ? {} : { contact: config.centre.contact }),
    ...(config.centre.sourceCodeUrl === undefined ? {} : { sourceCodeUrl: config.centre.sourceCodeUrl }),
  };
}
