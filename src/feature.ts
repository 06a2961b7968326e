import type { StoreSet, Stores } from "../storage/index.ts";
import type { QueuedEvent } from "../storage/outbox-store.ts";
import type { MinouConfig } from "./config/load.ts";
import type { ConfigSection } from "./config/schema.ts";
import type { Command, FeatureCommandSettings } from "./dispatch/command.ts";
import type { Route } from "./http/server.ts";
import type { Logger } from "./log.ts";
import type { RetryPolicy } from "./matrix/retry.ts";
import type { MatrixTransport } from "./matrix/transport.ts";
import type { InboundHandler } from "./pipeline/inbound-processor.ts";
import type { LiveMessageSource } from "./pipeline/live-messages.ts";
import type { DeliveryFailure, FailedHandler, SentHandler } from "./pipeline/outbox-sender.ts";
import type { Purpose } from "./pipeline/purpose.ts";
import type { RoomStateCache } from "./pipeline/room-state.ts";
import type { SendPacer } from "./pipeline/send-pacer.ts";
import type { PersonalDataPart } from "./privacy/personal-data.ts";
import type { ReactionConsumer } from "./reactions/reaction-handler.ts";
import type { ScheduledJob } from "./scheduler.ts";

/**
 * What a feature's parts may use: its stores, the clock, a logger, its own slice of the config and
 * a few hooks into the pipeline. Never the Minou object: a feature cannot reach another's parts.
 */
export interface FeatureContext<C> {
  readonly stores: Stores;
  readonly now: () => number;
  /** Minou's logger: a part logs through `log.child("<its area>")`. */
  readonly log: Logger;
  readonly config: C;
  readonly transport: MatrixTransport;
  readonly roomState: RoomStateCache;
  readonly retryPolicy: RetryPolicy;
  /** Messages were queued: the outbox sends them. */
  readonly wakeSender: () => void;
  /** Live messages were marked changed: the editor edits them once the debounce delay has passed. */
  readonly scheduleEdits: () => void;
  /** Aborted when Minou stops: long work started by `whenReady` ends early. */
  readonly stopping: AbortSignal;
}

/** What a feature learns when one of its messages is sent (its event id), with the reference decoded. */
export interface SentHook {
  readonly purpose: string;
  readonly handle: SentHandler;
}
export interface FailedHook {
  readonly purpose: string;
  readonly handle: FailedHandler;
}

/** Runs `handle` in the transaction that marks a message of `purpose` sent. */
export function whenSent<T>(purpose: Purpose<T>, handle: (ref: T, eventId: string, message: QueuedEvent) => void): SentHook {
  return {
    purpose: purpose.name,
    handle: (text, eventId, message) => {
      const ref = purpose.ref.decode(text);
      if (ref !== undefined) handle(ref, eventId, message);
    },
  };
}

/** Runs `handle` in the transaction that gives a message of `purpose` up. */
export function whenFailed<T>(purpose: Purpose<T>, handle: (ref: T, failure: DeliveryFailure, message: QueuedEvent) => void): FailedHook {
  return {
    purpose: purpose.name,
    handle: (text, failure, message) => {
      const ref = purpose.ref.decode(text);
      if (ref !== undefined) handle(ref, failure, message);
    },
  };
}

/** The running parts of a feature, built once from its context; every field may be left out. */
export interface FeatureParts {
  /** Event types it handles from the inbox (poll responses, memberships). */
  readonly inbound?: readonly InboundHandler[];
  /** Reactions to its messages, and their redaction. */
  readonly reactions?: readonly ReactionConsumer[];
  /** Messages it keeps up to date by editing them. */
  readonly live?: readonly LiveMessageSource[];
  /** Run on every scheduler tick, in the order given. */
  readonly jobs?: readonly ScheduledJob[];
  /** Jobs whose network checks take seconds: they run after every other job of the tick. */
  readonly slowJobs?: readonly ScheduledJob[];
  readonly routes?: readonly Route[];
  readonly sent?: readonly SentHook[];
  readonly failed?: readonly FailedHook[];
  /** Messages of these purposes leave no faster than the pacer allows (broadcasts). */
  readonly paced?: readonly { readonly purposes: readonly Purpose<unknown>[]; readonly pacer: SendPacer }[];
  /** Minou is out of a room (left, kicked or banned), in the transaction that records it. */
  readonly roomLeft?: (roomId: string, at: number) => void;
  /** Whether `sender` erased their data after sending an event at `sentAt` (such late events are ignored). */
  readonly erasedSince?: (sender: string, sentAt: number) => boolean;
  /** Whether a command just left work due now (a poll closed): the scheduler then ticks at once. */
  readonly dueNow?: () => boolean;
  /** Once the first sync answer is stored (catching up on what happened while Minou was away). */
  readonly whenReady?: () => Promise<void>;
  /** Clears its timers; Minou calls it before closing the database. */
  readonly stop?: () => void;
}

/**
 * What a feature keeps about members. A feature that keeps nothing says so, and why: the export,
 * the erasure and `!vie-privée` are built from these declarations, so none can be forgotten.
 */
export type FeaturePrivacy =
  | {
      readonly part: PersonalDataPart;
      /** Required when the part has no `purge`: why nothing of it expires on a schedule. */
      readonly keptBecause?: string;
    }
  | { readonly noPersonalData: string };

/** One feature, as Minou composes it: the static parts, and a builder for the running ones. */
export interface Feature {
  readonly name: string;
  readonly commands: readonly Command[];
  /** The stores it opens (storage/<feature>/), when it has its own tables. */
  readonly stores: StoreSet | undefined;
  /** What its commands read from the config, under its key of `settings`. */
  readonly commandSettings: ((config: MinouConfig) => Partial<FeatureCommandSettings>) | undefined;
  readonly privacy: FeaturePrivacy;
  readonly configSection: ConfigSection | undefined;
  build(context: FeatureContext<MinouConfig>): FeatureParts;
}

export interface FeatureSpec<C> {
  readonly name: string;
  /** The slice of the config its parts read. */
  readonly config: (config: MinouConfig) => C;
  /** Its own section of config.json, when it has one. */
  readonly configSection?: ConfigSection;
  readonly commands?: readonly Command[];
  /** Its stores, opened at `stores.<key>` for every part and command: `storeSet("agenda", createAgendaStores)`. */
  readonly stores?: StoreSet;
  /** What its commands read from the config (`settings.<key>` in their context). */
  readonly commandSettings?: (config: MinouConfig) => Partial<FeatureCommandSettings>;
  readonly privacy: FeaturePrivacy;
  readonly parts?: (context: FeatureContext<C>) => FeatureParts;
}

/** Declares a feature: everything it contributes to Minou, in one place (listed in src/features.ts). */
export function defineFeature<C>(spec: FeatureSpec<C>): Feature {
  return {
    name: spec.name,
    commands: spec.commands ?? [],
    stores: spec.stores,
    commandSettings: spec.commandSettings,
    privacy: spec.privacy,
    configSection: spec.configSection,
    build: (context) => spec.parts?.({ ...context, config: spec.config(context.config) }) ?? {},
  };
}

/** Every declared part of `features`, in their order. */
export function personalDataOf(features: readonly Feature[]): PersonalDataPart[] {
  return features.flatMap((feature) => ("part" in feature.privacy ? [feature.privacy.part] : []));
}
