import { openDatabase } from "../../storage/database.ts";
import { createStores, type Stores } from "../../storage/index.ts";

/** Fresh stores over an in-memory database, migrated like the real one. */
export function memoryStores(): Stores {
  return createStores(openDatabase(":memory:"));
}
