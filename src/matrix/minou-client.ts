import { MatrixClient, type IStorageProvider } from "matrix-bot-sdk";
import type { SyncResponse } from "../pipeline/sync-intake.ts";

type EmitFn = (emitEventType: string, ...payload: unknown[]) => Promise<unknown>;

/**
 * matrix-bot-sdk's client, with every sync answer handed to Minou's intake before the SDK sees
 * it. The SDK emits events without awaiting their handlers, so its events cannot tell us when a
 * sync answer is safely stored; the intake can, and the token is saved only after it.
 */
export class MinouMatrixClient extends MatrixClient {
  constructor(
    homeserverUrl: string,
    accessToken: string,
    storage: IStorageProvider,
    private readonly intake: (sync: SyncResponse) => Promise<void>,
    private readonly longPollMs: number,
  ) {
    super(homeserverUrl, accessToken, storage);
    this.persistTokenAfterSync = true;
    // The first sync after a restart catches up at once instead of long-polling: Minou is ready
    // (and answers what it missed) as soon as the homeserver has told it what happened meanwhile.
    this.syncingTimeout = 0;
  }

  protected override async processSync(raw: SyncResponse, emitFn?: EmitFn): Promise<unknown> {
    await this.intake(raw);
    this.syncingTimeout = this.longPollMs;
    return super.processSync(raw, emitFn);
  }
}
