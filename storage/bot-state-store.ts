import type { IFilterInfo, IStorageProvider } from "matrix-bot-sdk";
import type { Db } from "./database.ts";

const SYNC_TOKEN = "sync_token";
const FILTER = "sync_filter";

/**
 * The bot's own small state (sync token, sync filter, values matrix-bot-sdk asks to keep).
 * It doubles as matrix-bot-sdk's storage provider, but the sync token is written only by the
 * intake, in the same transaction as the events it covers.
 */
export class BotStateStore implements IStorageProvider {
  private readonly readStatement;
  private readonly writeStatement;
  private closed = false;

  constructor(db: Db) {
    this.readStatement = db.prepare<[string], { value: string }>("SELECT value FROM bot_state WHERE key = ?");
    this.writeStatement = db.prepare<[string, string]>(
      "INSERT INTO bot_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
    );
  }

  /** After Minou stops, a late sync answer must not write anything (the database is closed). */
  detach(): void {
    this.closed = true;
  }

  read(key: string): string | undefined {
    if (this.closed) return undefined;
    return this.readStatement.get(key)?.value;
  }

  write(key: string, value: string): void {
    if (this.closed) return;
    this.writeStatement.run(key, value);
  }

  getSyncToken(): string | null {
    return this.read(SYNC_TOKEN) ?? null;
  }

  /** The intake's, in the transaction that stores the events of the sync answer it ends. */
  recordSyncToken(token: string): void {
    this.write(SYNC_TOKEN, token);
  }

  /**
   * matrix-bot-sdk's: ignored. Its token would be saved apart from the events it covers (the SDK's
   * own sync loop did, even for an answer Minou never stored), and its reset to null when it
   * creates a filter would make the next sync an initial one, whose timeline is treated as history.
   */
  setSyncToken(_token: string | null): void {
    // The intake saves the token (recordSyncToken).
  }

  getFilter(): IFilterInfo {
    const raw = this.read(FILTER);
    return raw === undefined ? (undefined as unknown as IFilterInfo) : (JSON.parse(raw) as IFilterInfo);
  }

  setFilter(filter: IFilterInfo): void {
    this.write(FILTER, JSON.stringify(filter));
  }

  storeValue(key: string, value: string): void {
    this.write(`sdk:${key}`, value);
  }

  readValue(key: string): string | undefined {
    return this.read(`sdk:${key}`);
  }
}
