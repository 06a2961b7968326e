import type { Language, Localized } from "../i18n/language.ts";
import { catalogTexts, localizedTexts, type CommandTexts, type CommandTextsKey } from "./command-texts.ts";
import type { PersonalDataPart } from "../privacy/personal-data.ts";
import type { Markdown } from "../render/markdown.ts";
import type { Stores } from "../../storage/index.ts";
import type { CommandRegistry } from "./registry.ts";

/** Who may use a command. Each level includes the ones before it. */
export const permissionLevels = ["member", "moderator", "staff", "admin"] as const;
export type PermissionLevel = (typeof permissionLevels)[number];

export function allows(level: PermissionLevel, required: PermissionLevel): boolean {
  return permissionLevels.indexOf(level) >= permissionLevels.indexOf(required);
}

/**
 * The help's groups. Each feature declares its own (`declare module "../dispatch/command.ts" {
 * interface HelpGroups { agenda: true } }` in src/<feature>/feature.ts), titled in the catalog by
 * `runtime.group.<id>`; the help lists them in the order of the feature list.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled in by the features
export interface HelpGroups {}

export type CommandGroup = keyof HelpGroups & string;

interface ArgBase {
  /** The key in the parsed arguments object. */
  readonly name: string;
  /**
   * How the help shows the argument: `<commande>`, `<command>`. Commands whose texts are in the
   * catalog leave it out: it is `<texts>.arg.<name>` there.
   */
  readonly label?: Localized;
  readonly optional?: boolean;
}
/** One word, or one "quoted phrase". */
export interface WordArg extends ArgBase {
  readonly kind: "word";
}
/** Everything left on the line, as typed (line breaks kept). Must be the last argument. */
export interface TextArg extends ArgBase {
  readonly kind: "text";
}
export interface IntegerArg extends ArgBase {
  readonly kind: "integer";
  readonly min?: number;
  readonly max?: number;
}
/** One of a fixed set of words, matched without regard to accents or case. */
export interface ChoiceArg extends ArgBase {
  readonly kind: "choice";
  readonly choices: readonly string[];
}
export type ArgSpec = WordArg | TextArg | IntegerArg | ChoiceArg;

/** A `clé:valeur` option, e.g. `places:10` or `lieu:"Salle 2"`. */
export type OptionSpec = (WordArg | IntegerArg | ChoiceArg) & {
  /** Accepted keys, e.g. ["places", "seats"]. */
  readonly keys: readonly string[];
};

type ValueOf<S> = S extends { readonly kind: "integer" }
  ? number
  : S extends { readonly kind: "choice"; readonly choices: readonly (infer C)[] }
    ? C
    : string;
type Value<S> = S extends { readonly optional: true } ? ValueOf<S> | undefined : ValueOf<S>;

export type ArgsOf<A extends readonly ArgSpec[], O extends readonly OptionSpec[]> = {
  readonly [S in A[number] as S["name"]]: Value<S>;
} & { readonly [S in O[number] as S["name"]]: ValueOf<S> | undefined };

/** The room a command was typed in, with the centre's defaults already applied. */
export interface RoomView {
  readonly roomId: string;
  readonly name: string | null;
  readonly language: Language;
  readonly timeZone: string;
}

export interface Sender {
  readonly userId: string;
  readonly level: PermissionLevel;
  /** The sender's power level in this room (m.room.power_levels). */
  readonly powerLevel: number;
}

export interface AboutMinou {
  readonly version: string;
  readonly startedAt: number;
  readonly centreName: string;
  readonly contact?: string;
  readonly sourceCodeUrl?: string;
}

/** A collaborative service the centre hosts (config key `services`). */
export interface CentreService {
  readonly name: string;
  readonly url: string;
  readonly description: string;
}

/** The few settings commands read. */
/**
 * What a feature's commands read from the config besides the shared settings, under the feature's
 * key. Every feature that needs some adds its entry itself (declaration merging, e.g.
 * src/agenda/command-settings.ts) and fills it from its descriptor (`commandSettings`).
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled in by the features
export interface FeatureCommandSettings {}

export interface CommandSettings extends FeatureCommandSettings {
  /** The centre's language, for direct messages to members (whose own language Minou does not know). */
  readonly defaultLanguage: Language;
  /** Where Minou's web side is published (feed and agenda links). */
  readonly publicBaseUrl: string;
  /** The collaborative services the centre hosts (`!services`). */
  readonly services: readonly CentreService[];
  /** The staff room (config key `staffRoom`), the only room staff announcements leave from. */
  readonly staffRoom?: string;
  /** How long Minou keeps things (config key `retention`), as `!vie-privée` tells members. */
  readonly retention: RetentionSettings;
  /** Every part of a member's data Minou keeps, for the export, the erasure and `!vie-privée`. */
  readonly personalData: readonly PersonalDataPart[];
}

/** Retention periods, in days (config key `retention`). */
export interface RetentionSettings {
  readonly handledEventsDays: number;
  readonly pastEventsDays: number;
  readonly closedPollsDays: number;
  readonly finishedTrainingsDays: number;
}

/** What Minou itself may do in the room (from its power level there). */
export interface MinouAbilities {
  /** Redact others' events, which also lets it end polls it did not start (MSC3381). */
  readonly redact: boolean;
  /** Pin messages (m.room.pinned_events), and the power level that needs. */
  readonly pin: boolean;
  readonly pinLevel: number;
}

/** What a command may use: no Matrix client, no config beyond what it needs, a fixed clock in tests. */
export interface CommandContext {
  /** The moment the command was sent (ms since the epoch). */
  readonly now: number;
  readonly language: Language;
  readonly room: RoomView;
  readonly sender: Sender;
  readonly stores: Stores;
  readonly commands: CommandRegistry;
  readonly prefix: string;
  readonly about: AboutMinou;
  readonly settings: CommandSettings;
  /** The event the command replies to (Element's "Reply"), if any. */
  readonly replyTo: string | undefined;
  readonly minouMay: MinouAbilities;
  /**
   * Whether the sender is joined to a room, as the homeserver said when the command arrived:
   * known only for the room the descriptor's `senderMembershipIn` named (undefined otherwise, or
   * when it could not be checked).
   */
  readonly senderJoined: (roomId: string) => boolean | undefined;
}

/** A file sent with a message (m.file): uploaded first, then sent with its mxc:// URL. */
export interface Attachment {
  readonly filename: string;
  readonly mimeType: string;
  readonly data: Buffer;
}

/** A further message a command sends besides its reply (a poll, one message per date…). */
export interface FollowUp {
  readonly eventType: string;
  readonly content: Readonly<Record<string, unknown>>;
  readonly purpose?: string;
  readonly purposeRef?: string;
  readonly attachment?: Attachment;
  /** Sent privately to this member (their direct-message room with Minou) instead of the room. */
  readonly targetUser?: string;
}

export interface ReplyOptions {
  /** Users the reply pings (m.mentions); nobody by default. */
  readonly mentions?: readonly string[];
  /** What the reply stands for (e.g. an event's announcement), to learn its event id once sent. */
  readonly purpose?: string;
  readonly purposeRef?: string;
  /** Extra content keys, such as Minou's namespaced record key. */
  readonly extraContent?: Readonly<Record<string, unknown>>;
  /** Messages sent after the reply, in order. */
  readonly followUps?: readonly FollowUp[];
}

/** Expected outcomes are values; bugs are exceptions (the dispatcher apologises and logs them). */
export type CommandResult =
  | ({ readonly kind: "reply"; readonly text: Markdown } & ReplyOptions)
  | { readonly kind: "refusal"; readonly text: Markdown };

export function reply(text: Markdown, options: ReplyOptions = {}): CommandResult {
  return { kind: "reply", text, ...options };
}

export function refuse(text: Markdown): CommandResult {
  return { kind: "refusal", text };
}

/** A command's texts written in its descriptor: the old way, until its feature moves to the catalog. */
interface InlineTexts {
  readonly texts?: never;
  /** Names in each language; the first French name is the canonical one. May hold spaces ("agenda ajouter"). */
  readonly names: Localized<readonly string[]>;
  readonly summary: Localized;
  /** Optional longer explanation and examples for `!aide <commande>` (Markdown, trusted). */
  readonly details?: Localized;
  /**
   * Who may use it, when the command itself narrows `permission` to some of those it admits (a
   * poll's creator, the room's moderators and the centre's staff): the help and the README show
   * this instead of the level's name, and the command's refusal uses the same words.
   */
  readonly permissionDetail?: Localized;
}

/** A command's texts in the catalog: `texts: "general.aide"` reads `general.aide.names`, `.summary`… */
interface CatalogTexts {
  readonly texts: CommandTextsKey;
  readonly names?: never;
  readonly summary?: never;
  readonly details?: never;
  readonly permissionDetail?: never;
}

export type CommandDescriptor<A extends readonly ArgSpec[], O extends readonly OptionSpec[]> = (InlineTexts | CatalogTexts) & {
  readonly group: CommandGroup;
  readonly args: A;
  readonly options?: O;
  readonly permission: PermissionLevel;
  /**
   * Only reads (help, lists, results) and changes nothing: the flood guard lets a member send more
   * of these (src/dispatch/flood-guard.ts). Default: false, a write.
   */
  readonly readOnly?: boolean;
  /**
   * The room whose membership of the sender `execute` needs (e.g. the room of an anonymous poll
   * voted on in private): the dispatcher asks the homeserver before the command runs.
   */
  readonly senderMembershipIn?: (stores: Stores, args: ArgsOf<A, O>) => string | undefined;
  /** Runs inside the transaction that marks the command handled; must not do I/O beyond the stores. */
  readonly execute: (context: CommandContext, args: ArgsOf<A, O>) => CommandResult;
};

/** A command as the registry holds it, its argument types erased. */
export interface Command {
  /** The canonical (first French) name, for logs and errors. */
  readonly id: string;
  /** Names, summary, details, argument labels in any language. */
  readonly texts: CommandTexts;
  readonly group: CommandGroup;
  readonly args: readonly ArgSpec[];
  readonly options: readonly OptionSpec[];
  readonly permission: PermissionLevel;
  readonly readOnly: boolean;
  readonly senderMembershipIn?: (stores: Stores, args: Readonly<Record<string, string | number | undefined>>) => string | undefined;
  readonly execute: (context: CommandContext, args: Readonly<Record<string, string | number | undefined>>) => CommandResult;
}

export function defineCommand<const A extends readonly ArgSpec[], const O extends readonly OptionSpec[] = []>(
  descriptor: CommandDescriptor<A, O>,
): Command {
  const options = descriptor.options ?? [];
  const texts =
    descriptor.texts === undefined
      ? localizedTexts({
          names: descriptor.names,
          summary: descriptor.summary,
          ...(descriptor.details === undefined ? {} : { details: descriptor.details }),
          ...(descriptor.permissionDetail === undefined ? {} : { permissionDetail: descriptor.permissionDetail }),
          labels: Object.fromEntries([...descriptor.args, ...options].map((arg) => [arg.name, arg.label])),
        })
      : catalogTexts(descriptor.texts);
  const { senderMembershipIn } = descriptor;
  return {
    id: texts.names("fr")[0] ?? "",
    texts,
    group: descriptor.group,
    args: descriptor.args,
    options,
    permission: descriptor.permission,
    readOnly: descriptor.readOnly ?? false,
    ...(senderMembershipIn === undefined ? {} : { senderMembershipIn: senderMembershipIn as NonNullable<Command["senderMembershipIn"]> }),
    execute: descriptor.execute as Command["execute"],
  };
}
