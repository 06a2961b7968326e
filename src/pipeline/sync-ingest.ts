import type { Stores } from "../../storage/index.ts";
import type { EncryptionSession } from "../crypto/encryption-session.ts";
import type { Logger } from "../log.ts";
import type { RetryPolicy } from "../matrix/retry.ts";
import type { MatrixTransport } from "../matrix/transport.ts";
import { fillTimelineGaps } from "./gap-filler.ts";
import type { SyncIntake, SyncResponse } from "./sync-intake.ts";

export interface SyncIngestParts {
  readonly stores: Stores;
  readonly transport: MatrixTransport;
  /** Its signal, aborted when Minou stops, ends the gap filler's retries. */
  readonly retryPolicy: RetryPolicy & { readonly signal: AbortSignal };
  readonly intake: SyncIntake;
  readonly encryption: () => EncryptionSession;
  readonly log: Logger;
  /** After each answer is stored: the inbox, the outbox and the invitations have work. */
  readonly stored: () => void;
}

/** How one /sync answer becomes stored inbox work: keys first, gaps filled, then decrypted. */
export function syncIngest(parts: SyncIngestParts): (raw: SyncResponse) => Promise<void> {
  const { stores, retryPolicy, encryption } = parts;
  return async (raw) => {
    if (retryPolicy.signal.aborted) return;
    // Room keys are on disk before the token of the sync that brought them can be.
    const keysArrived = await encryption().receive(raw);
    // Stopping ends the retries: the answer is then dropped, its token unsaved.
    const complete = await fillTimelineGaps(raw, stores, parts.transport, retryPolicy, parts.log);
    const readable = await encryption().decrypt(complete, stores.botState.getSyncToken() === null);
    if (retryPolicy.signal.aborted) return;
    parts.intake.ingest(readable);
    if (keysArrived) await encryption().openAwaiting();
    parts.stored();
  };
}
