import { IANAZone } from "luxon";
import { isIP } from "node:net";
import { z } from "zod";
import { catalog } from "../i18n/catalog.ts";

const userId = z
  .string()
  .regex(/^@[a-z0-9._=\-/+]+:[a-zA-Z0-9.-]+(:\d+)?$/, "identifiant Matrix attendu, par exemple @camille:exemple.fr");
const roomId = z
  .string()
  .regex(/^![^:\s]+:[a-zA-Z0-9.-]+(:\d+)?$/, "identifiant de salon attendu, par exemple !AbCdEf:exemple.fr");
const serverName = z
  .string()
  .regex(/^[a-zA-Z0-9.-]+(:\d+)?$/, "nom de serveur attendu, par exemple exemple.fr");
const httpUrl = z
  .url({ protocol: /^https?$/, error: "adresse http:// ou https:// attendue" })
  .transform((url) => url.replace(/\/+$/, ""));
const timeZone = z.string().refine((zone) => IANAZone.isValidZone(zone), {
  error: "fuseau horaire IANA attendu, par exemple Europe/Paris",
});
export const logLevels = ["error", "warn", "info", "debug", "trace"] as const;

/**
 * config.json as the administrator writes it, apart from the features' own sections: each feature
 * declares its section next to it (src/<feature>/config-schema.ts, in its descriptor), and
 * src/config/full-schema.ts adds them. Every key is documented in README.md.
 */
export const coreConfigSchema = z.strictObject({
  homeserverUrl: httpUrl,
  userId,
  accessToken: z.string().min(1).optional(),
  accessTokenFile: z.string().min(1).optional(),
  allowedServers: z.array(serverName).min(1, "au moins un serveur autorisé à inviter Minou"),
  admins: z.array(userId).default([]),
  staff: z.array(userId).default([]),
  staffRoom: roomId.optional(),
  commandPrefix: z
    .string()
    .regex(/^[^\s\p{L}\p{N}]{1,3}$/u, "1 à 3 signes, sans lettre ni espace, par exemple !")
    .default("!"),
  names: z.array(z.string().min(2).max(40)).default(["Minou"]),
  defaultLanguage: z
    .string()
    .refine((code) => catalog.isLanguage(code), {
      error: `une langue de locales/languages.json (${catalog.languages.map((language) => language.code).join(", ")})`,
    })
    .transform((code) => code as Language)
    .default("fr"),
  timeZone: timeZone.default("Europe/Paris"),
  dataDirectory: z.string().min(1).default("data"),
  http: z
    .strictObject({
      bind: z
        .string()
        .refine((address) => isIP(address) !== 0 || address === "localhost", { error: "adresse IP attendue" })
        .default("127.0.0.1"),
      port: z.number().int().min(0).max(65535).default(8080),
      publicBaseUrl: httpUrl.default("http://127.0.0.1:8080"),
    })
    .prefault({}),
  logLevel: z.enum(logLevels).default("info"),
  floodGuard: z
    .strictObject({
      maxCommands: z.number().int().min(1).default(8),
      perSeconds: z.number().int().min(1).default(30),
      muteSeconds: z.number().int().min(1).default(60),
    })
    .prefault({}),
  centre: z
    .strictObject({
      name: z.string().min(1).default("le centre social"),
      contact: z.string().min(1).optional(),
      sourceCodeUrl: httpUrl.optional(),
    })
    .prefault({}),
  editDebounceSeconds: z.number().int().min(0).max(300).default(3),
  retention: z
    .strictObject({
      handledEventsDays: z.number().int().min(1).default(30),
      pastEventsDays: z.number().int().min(1).default(365),
      closedPollsDays: z.number().int().min(1).default(90),
      finishedTrainingsDays: z.number().int().min(1).default(365),
      leftRoomsDays: z.number().int().min(1).default(90),
    })
    .prefault({}),
  services: z
    .array(
      z.strictObject({
        name: z.string().min(1).max(80),
        url: httpUrl,
        description: z.string().min(1).max(200),
      }),
    )
    .default([]),
});

/**
 * Each feature's section, under its key. Every `src/<feature>/config-schema.ts` adds its entry to
 * this interface itself (declaration merging), so a new feature edits no list here.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled in by each feature's config schema
export interface FeatureConfigSections {}

export type ConfigFile = z.output<typeof coreConfigSchema> & FeatureConfigSections;

/** A feature's own section of config.json, declared in its descriptor. */
export interface ConfigSection<K extends keyof FeatureConfigSections = keyof FeatureConfigSections> {
  readonly key: K;
  readonly schema: z.ZodType<FeatureConfigSections[K]>;
}

/** The core schema with `sections` added under their keys. */
export function configSchemaWith(sections: readonly ConfigSection[]): z.ZodObject {
  const keys = sections.map((section) => section.key);
  const clash = keys.find((key, index) => key in coreConfigSchema.shape || keys.indexOf(key) !== index);
  if (clash !== undefined) throw new Error(`config section "${clash}" declared twice`);
  return coreConfigSchema.extend(Object.fromEntries(sections.map((section) => [section.key, section.schema])));
}
/**
 * A code of locales/languages.json, validated where it enters (config, `!langue`, stored rooms):
 * adding a language to that list and its folder of texts needs no code change.
 */
export type Language = string;
export type LogLevel = (typeof logLevels)[number];

/** The schema under its defaults and optional markers. */
export function unwrapSchema(schema: z.ZodType): z.ZodType {
  let inner = schema;
  while (inner instanceof z.ZodDefault || inner instanceof z.ZodPrefault || inner instanceof z.ZodOptional) {
    inner = inner.unwrap() as z.ZodType;
  }
  return inner;
}

/** The keys of an object schema (after unwrapping), or undefined for a leaf. */
export function shapeOf(schema: z.ZodType): Readonly<Record<string, z.ZodType>> | undefined {
  const inner = unwrapSchema(schema);
  return inner instanceof z.ZodObject ? (inner.shape as Record<string, z.ZodType>) : undefined;
}

/** Every key path of the configuration, objects and leaves: "http", "http.port"… */
export function keyPathsOf(schema: z.ZodType, prefix = ""): string[] {
  return Object.entries(shapeOf(schema) ?? {}).flatMap(([key, value]) => [`${prefix}${key}`, ...keyPathsOf(value, `${prefix}${key}.`)]);
}
