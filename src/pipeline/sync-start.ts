import type { Stores } from "../../storage/index.ts";
import type { Logger } from "../log.ts";
import type { MinouMatrixClient } from "../matrix/minou-client.ts";
import { classifyFailure } from "../matrix/request-errors.ts";
import { markDirectRooms } from "./sync-intake.ts";

// Only what Minou reads: no presence, typing or receipts; of its account data, `m.direct` (which
// rooms are DMs). A larger timeline than Synapse's default 10 means fewer gaps to fill after a
// busy moment.
export const SYNC_FILTER = {
  presence: { types: [] },
  account_data: { types: ["m.direct"] },
  room: { timeline: { limit: 50 }, ephemeral: { types: [] }, account_data: { types: [] } },
};

/**
 * Minou's `m.direct` as it is now: sync brings it only when it changes, and the DMs members
 * opened before Minou kept `is_direct` are known from it alone (matrix-bot-sdk wrote them there).
 */
export async function readDirectRooms(client: MinouMatrixClient, stores: Stores, log: Logger): Promise<void> {
  let content: unknown;
  try {
    content = await client.getAccountData("m.direct");
  } catch (error) {
    const failure = classifyFailure(error);
    if (failure.kind !== "permanent" || failure.status !== 404) log.warn("m.direct not read, DMs known from sync only", { failure: failure.description });
    return;
  }
  stores.transaction(() => markDirectRooms(stores, content));
}
