import { MatrixClient, type IStorageProvider } from "matrix-bot-sdk";
import type { Logger } from "../log.ts";
import type { SyncResponse } from "../pipeline/sync-intake.ts";
import { classifyFailure } from "./request-errors.ts";
import { sleep } from "./retry.ts";

type EmitFn = (emitEventType: string, ...payload: unknown[]) => Promise<unknown>;

export interface MinouClientOptions {
  /** Where the intake saves the sync token, in the transaction that stores the events it covers. */
  readonly storage: IStorageProvider;
  /** Stores a sync answer; the token moves on only once it resolves. */
  readonly intake: (sync: SyncResponse) => Promise<void>;
  /** Long-poll duration of each /sync once caught up (ms). */
  readonly longPollMs: number;
  readonly log: Logger;
}

// matrix-bot-sdk's own back-off after a failed sync (MatrixClient.js, SYNC_BACKOFF_MIN_MS/MAX_MS).
const BACKOFF_MIN_MS = 5_000;
const BACKOFF_MAX_MS = 15_000;

/**
 * matrix-bot-sdk's client, with a sync loop of Minou's own. The SDK's loop (0.7.1 `startSync`)
 * keeps the next token in memory as soon as an answer arrives, and saves it after `processSync`
 * even when that stored nothing (Minou stopping) or moves on past an answer whose processing
 * failed: either way the token overtakes events that were never stored. Here every /sync starts
 * from the token the intake saved, so an answer is stored with its token, or asked for again.
 */
export class MinouMatrixClient extends MatrixClient {
  private readonly stopping = new AbortController();
  private syncLoop: Promise<void> | undefined;

  constructor(
    homeserverUrl: string,
    accessToken: string,
    private readonly options: MinouClientOptions,
  ) {
    super(homeserverUrl, accessToken, options.storage);
    // The first sync after a restart catches up at once instead of long-polling: Minou is ready
    // (and answers what it missed) as soon as the homeserver has told it what happened meanwhile.
    this.syncingTimeout = 0;
  }

  /** Called by the SDK's `start()` once the filter is set up. */
  protected override startSyncInternal(): Promise<void> {
    this.syncLoop ??= this.syncUntilStopped();
    return Promise.resolve();
  }

  /**
   * Ends the sync loop and resolves once no sync answer is being stored. An answer still on its
   * way is dropped unread: its token was not saved, so the homeserver sends it again next start.
   */
  async stopSync(): Promise<void> {
    this.stop();
    this.stopping.abort(new Error("stopping"));
    await this.syncLoop;
  }

  protected override async processSync(raw: SyncResponse, emitFn?: EmitFn): Promise<unknown> {
    await this.options.intake(raw);
    this.syncingTimeout = this.options.longPollMs;
    // Invites are Minou's to answer (InviteHandler). The SDK's DM tracker would write each
    // `is_direct` one, even one Minou refuses, into Minou's m.direct account data, naming the inviter.
    const invitesLeftOut = raw.rooms?.invite === undefined ? raw : { ...raw, rooms: { ...raw.rooms, invite: {} } };
    return super.processSync(invitesLeftOut, emitFn);
  }

  private async syncUntilStopped(): Promise<void> {
    const { signal } = this.stopping;
    while (!signal.aborted) {
      try {
        const token = await Promise.resolve(this.options.storage.getSyncToken());
        // The SDK types the token as a string, but sends no `since` for null (the first sync).
        const answer = await untilAborted(this.doSync(token as string) as Promise<SyncResponse>, signal);
        await this.processSync(answer);
      } catch (error) {
        if (signal.aborted) return;
        const retryInMs = BACKOFF_MIN_MS + Math.random() * (BACKOFF_MAX_MS - BACKOFF_MIN_MS);
        this.options.log.warn("sync failed, will ask again from the saved token", {
          error: error instanceof Error ? error : classifyFailure(error).description,
          retryInMs: Math.round(retryInMs),
        });
        await sleep(retryInMs, signal).catch(() => undefined);
      }
    }
  }
}

/** `work`'s outcome, or the abort reason as soon as `signal` aborts (`work` itself runs on, unheard). */
function untilAborted<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason as Error);
    if (signal.aborted) onAbort();
    signal.addEventListener("abort", onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
}
