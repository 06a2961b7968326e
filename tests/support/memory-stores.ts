import { openDatabase } from "../../storage/database.ts";
import type { Stores } from "../../storage/index.ts";
import { openStores } from "../../src/features.ts";

/** Fresh stores over an in-memory database, migrated like the real one. */
export function memoryStores(): Stores {
  return openStores(openDatabase(":memory:"));
}
