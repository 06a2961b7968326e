import { allFeatures } from "../features.ts";
import { configSchemaWith, keyPathsOf } from "./schema.ts";

/** config.json's whole schema: the core keys and every feature's own section. */
export const configSchema = configSchemaWith(allFeatures.flatMap((feature) => (feature.configSection === undefined ? [] : [feature.configSection])));

/** Every key path of the configuration, objects and leaves: "http", "http.port"… */
export function configKeyPaths(): string[] {
  return keyPathsOf(configSchema);
}
