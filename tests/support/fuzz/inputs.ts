// Fuzz inputs built from the real command table: each command's names (French and English), its
// sub-commands, arguments and options, and the examples of its help, then made hostile (long,
// broken or invisible Unicode, Markdown, HTML, odd numbers and dates) and wrapped in event shapes
// Element would never send. Plain data, all of it decided by the seed.
import type { ArgSpec, Command, OptionSpec } from "../../../src/dispatch/command.ts";
import { languageCodes } from "../../../src/i18n/language.ts";
import { DATES, EMOJI, head, hostilePiece, hostileText, HTML, leadingJunk, longText, mangleWord, NUMBERS, PHRASES, QUOTES, WORDS, ZERO_WIDTH, BIDI, CONTROLS } from "./hostile.ts";
import type { Random } from "./random.ts";

/** Stands in a content for the event id of the input's target, filled in when it is sent. */
export const TARGET = "$fuzz-target";

/** Which event an input relates to (replies, threads, edits, reactions, redactions). */
export type Target =
  /** An earlier input of the same room; an unknown id if the homeserver refused that one. */
  | { readonly kind: "input"; readonly index: number }
  /** An id no room has. */
  | { readonly kind: "unknown" }
  /** Minou's latest message in the room when the input is sent (an announcement, a poll…). */
  | { readonly kind: "minou" };

export type FuzzAction =
  | { readonly kind: "send"; readonly eventType: string; readonly content: unknown; readonly target?: Target }
  | { readonly kind: "state"; readonly eventType: string; readonly stateKey: string; readonly content: unknown }
  | { readonly kind: "redact"; readonly target: Target; readonly reason?: string };

export type Role = "owner" | "moderator" | "member" | "staff";

export interface FuzzAccount {
  readonly localpart: string;
  readonly role: Role;
}

export interface FuzzRoomPlan {
  /** Who may send there (the direct-message room has one member). */
  readonly accounts: readonly FuzzAccount[];
  readonly direct: boolean;
}

export interface FuzzInput {
  readonly index: number;
  readonly room: number;
  readonly sender: string;
  /** The generator that made it, for the figures and for failure messages. */
  readonly family: string;
  readonly action: FuzzAction;
}

interface Sent {
  readonly index: number;
  readonly sender: string;
  /** A command line went out as an m.text body. */
  readonly command: boolean;
}

/** Each command's examples from its help ("`!agenda ajouter jeudi 18h30 Réunion`"). */
export function helpExamples(command: Command): string[] {
  const details = languageCodes().map((language) => command.texts.details(language) ?? "").join("\n");
  return [...details.matchAll(/`(![^`]+)`/gu)].map((match) => match[1] ?? "").filter((example) => !example.includes("…"));
}

/** Commands that keep what members write and show it again (by their canonical French name). */
const STORING_AND_LISTING = [
  "aide", "faq", "faq ajouter", "faq ajouter-centre", "docs", "docs ajouter", "docs chercher", "agenda", "agenda ajouter", "formations", "formation créer",
  "formation session", "sondage", "sondage dates", "sondage résultats", "assos", "asso", "asso nom", "asso contact", "asso tags", "bienvenue définir",
  "bienvenue aperçu", "annonces", "annonce", "mes-données", "mes-formations", "premiers-pas",
];

export class InputGenerator {
  private readonly history: Sent[][];
  private readonly examples: readonly string[];
  private readonly names: readonly string[];
  private readonly storingAndListing: readonly Command[];

  constructor(
    private readonly random: Random,
    private readonly commands: readonly Command[],
    private readonly rooms: readonly FuzzRoomPlan[],
  ) {
    this.history = rooms.map(() => []);
    this.examples = commands.flatMap(helpExamples);
    this.names = commands.flatMap((command) => command.texts.everyName());
    this.storingAndListing = commands.filter((command) => STORING_AND_LISTING.includes(command.id));
  }

  generate(count: number): FuzzInput[] {
    const inputs: FuzzInput[] = [];
    for (let index = 0; index < count; index += 1) inputs.push(this.next(index));
    return inputs;
  }

  private next(index: number): FuzzInput {
    const { random } = this;
    const directRooms = this.rooms.flatMap((plan, room) => (plan.direct ? [room] : []));
    const groupRooms = this.rooms.flatMap((plan, room) => (plan.direct ? [] : [room]));
    const room = directRooms.length > 0 && random.chance(0.08) ? random.pick(directRooms) : random.pick(groupRooms);
    const plan = this.rooms[room];
    if (plan === undefined) throw new Error(`no room ${room}`);
    const { line, command, family } = this.line();
    const sender = this.senderFor(plan, command);
    const shape = this.shape(index, room, sender, line);
    const sentCommand = shape.action.kind === "send" && shape.plain;
    this.history[room]?.push({ index, sender, command: sentCommand && line.trimStart().startsWith("!") });
    return { index, room, sender, family: `${family}/${shape.family}`, action: shape.action };
  }

  /** A line of text: a command (its help's example or built from its descriptor), a phrase, chatter. */
  private line(): { line: string; command: Command | undefined; family: string } {
    const { random } = this;
    // Some bias towards what stores text and lists it back, so that replies grow large.
    const command = random.chance(0.3) && this.storingAndListing.length > 0 ? random.pick(this.storingAndListing) : random.pick(this.commands);
    const family = random.weighted<string>([
      [22, "example"],
      [40, "descriptor"],
      [7, "phrase"],
      [5, "unknown"],
      [6, "chatter"],
      [5, "long"],
    ]);
    let line: string;
    switch (family) {
      case "example": {
        const examples = helpExamples(command);
        line = examples.length > 0 ? random.pick(examples) : random.pick(this.examples);
        if (random.chance(0.5)) line = this.mutate(line);
        break;
      }
      case "descriptor":
        line = this.fromDescriptor(command);
        break;
      case "phrase":
        line = random.pick(PHRASES);
        break;
      case "unknown":
        line = `!${mangleWord(random, random.pick(this.names).split(" ")[0] ?? "aide")} ${random.chance(0.5) ? hostileText(random, random.int(0, 60)) : ""}`;
        break;
      case "chatter":
        line = hostileText(random);
        break;
      default:
        line = random.chance(0.6) ? `!${random.pick(this.names)} ${longText(random)}` : `!${longText(random)}`;
    }
    if (random.chance(0.3)) line = this.disguise(line);
    return { line, command: family === "descriptor" || family === "example" ? command : undefined, family };
  }

  /** A command line from the descriptor: a name in either language, then arguments of each kind. */
  private fromDescriptor(command: Command): string {
    const { random } = this;
    const names = command.texts.everyName();
    let name = random.pick(names);
    if (random.chance(0.1)) {
      const words = name.split(" ");
      const at = random.int(0, words.length - 1);
      words[at] = mangleWord(random, words[at] ?? "");
      name = words.join(" ");
    }
    const parts = [`!${name}`];
    for (const arg of command.args) {
      if (arg.optional === true && random.chance(0.35)) continue;
      if (arg.optional !== true && random.chance(0.05)) continue;
      parts.push(this.argValue(arg));
    }
    for (const option of command.options) {
      if (!random.chance(0.35)) continue;
      parts.splice(random.int(1, parts.length), 0, `${random.pick(option.keys)}:${this.argValue(option)}`);
      if (random.chance(0.08)) parts.push(`${random.pick(option.keys)}:${this.argValue(option)}`);
    }
    if (random.chance(0.05)) parts.push(`${random.pick(["inconnu", "x", "é", "🐈"])}:${hostilePiece(random)}`);
    if (random.chance(0.1)) parts.push(hostileText(random, random.int(1, 200)));
    const separator = random.weighted([
      [10, " "],
      [1, "  "],
      [1, "\n"],
      [1, "\t"],
      [1, "\u00A0"],
      [1, "\u3000"],
    ]);
    return parts.join(separator);
  }

  private argValue(arg: ArgSpec | OptionSpec): string {
    const { random } = this;
    switch (arg.kind) {
      case "integer": {
        const low = Math.max(arg.min ?? 1, 1);
        return random.weighted<() => string>([
          [5, () => String(random.int(low, Math.min(arg.max ?? low + 4, low + 4)))],
          [4, () => random.pick(NUMBERS)],
          [1, () => "9".repeat(random.pick([20, 400, 30_000]))],
        ])();
      }
      case "choice":
        return random.weighted<() => string>([
          [6, () => random.pick(arg.choices)],
          [2, () => mangleWord(random, random.pick(arg.choices))],
          [2, () => hostilePiece(random)],
        ])();
      case "word":
        return random.weighted<() => string>([
          [4, () => random.pick(WORDS)],
          [3, () => hostilePiece(random).replace(/\s+/gu, "")],
          [2, () => `${random.pick(QUOTES)}${hostileText(random, random.int(0, 80))}${random.pick(QUOTES)}`],
          [1, () => "x".repeat(random.pick([200, 5_000, 40_000]))],
        ])();
      case "text":
        return random.weighted<() => string>([
          [3, () => this.plausibleText()],
          [5, () => hostileText(random)],
          [1, () => longText(random)],
        ])();
    }
  }

  /** Text much like the help's examples, so that some commands store something. */
  private plausibleText(): string {
    const { random } = this;
    return random.pick([
      () => `${random.pick(DATES)} ${random.pick(["Loto", "Réunion du bureau", "Chorale 🎶", "<b>Atelier</b>", "**Vide-grenier**"])} @ ${random.pick(["Salle des fêtes", "Maison des associations", "<script>x</script>"])}`,
      () => `jeudi prochain 18h30 ${hostileText(random, random.int(1, 120))}`,
      () => `"${hostileText(random, random.int(1, 60))}" ${random.pick(["Samedi", "Dimanche", "🐈"])} | ${hostilePiece(random)} jusqu'à ${random.pick(DATES)}`,
      () => `${random.pick(["Budget", "Compte rendu", "<img src=x onerror=alert(1)>"])} ${random.pick(["https://cloud.exemple.fr/s/Ab12", "javascript:alert(1)", "http://[::1]/", "https://exemple.fr/" + "a".repeat(3_000), "mxc://minou.test/x", "ftp://exemple.fr"])} #${hostilePiece(random).replace(/\s+/gu, "")}`,
      () => `"${hostileText(random, random.int(1, 80))} ?" ${hostileText(random, random.int(1, 300))}`,
      () => random.pick(["1j 1h", "30min", "0min", "-5min", "9999j", "1h 1h 1h 1h 1h 1h", "aucun"]),
      () => random.pick(["Europe/Paris", "America/Argentina/ComodRivadavia", "UTC", "Mars/Olympus", "../../etc/passwd", "Etc/GMT+14"]),
    ])();
  }

  /** Changes an example a little: a number, a date, a piece of hostile text somewhere. */
  private mutate(line: string): string {
    const { random } = this;
    return random.pick([
      () => line.replace(/\d+/u, random.pick(NUMBERS)),
      () => line.replace(/\d+h\d*/u, random.pick(DATES)),
      () => {
        const start = head(line, random.int(1, line.length));
        return `${start}${hostilePiece(random)}${line.slice(start.length)}`;
      },
      () => `${line} ${hostileText(random)}`,
      () => line.replace(/ /gu, random.pick(["\n", "  ", "\u00A0", "\u200B "])),
      () => line.replace(/"/gu, random.pick(QUOTES)),
      () => line.toUpperCase(),
    ])();
  }

  /** Hides a line behind what phones and copy-paste add: blanks, invisible and direction marks, controls. */
  private disguise(line: string): string {
    const { random } = this;
    return random.weighted<() => string>([
      [3, () => `${leadingJunk(random)}${line}`],
      [2, () => `${leadingJunk(random)}${leadingJunk(random)}${line}`],
      [2, () => `${line}${random.pick([...ZERO_WIDTH, ...CONTROLS, ...EMOJI])}`],
      [1, () => random.pick([`\u202E${line}\u202C`, `\u2067${line}\u2069`, `\u200F${line}`])],
      [2, () => line.replace(/^!/u, `!${random.pick([...ZERO_WIDTH, ...BIDI, "\u0301", " "])}`)],
      [2, () => line.replace(/ /u, `\u0000 `)],
      [2, () => `${line}${"\n".repeat(random.int(1, 2_000))}`],
      [2, () => `${"\n".repeat(random.int(1, 200))}${line}`],
      [2, () => `${line} ${random.pick(HTML)}`],
    ])();
  }

  private senderFor(plan: FuzzRoomPlan, command: Command | undefined): string {
    const { random } = this;
    const wanted: Role | undefined = command?.permission === "moderator" ? random.pick(["owner", "moderator"] as const) : command?.permission === "staff" ? "staff" : undefined;
    const candidates = wanted !== undefined && random.chance(0.65) ? plan.accounts.filter((account) => account.role === wanted) : [];
    return random.pick(candidates.length > 0 ? candidates : plan.accounts).localpart;
  }

  /** An earlier input of the room, preferring the sender's own commands (what one edits or deletes). */
  private earlier(room: number, sender: string, own: boolean): Target {
    const { random } = this;
    const history = this.history[room] ?? [];
    if (history.length === 0 || random.chance(0.1)) return { kind: "unknown" };
    if (random.chance(0.35)) return { kind: "input", index: (history.at(-1) as Sent).index };
    const mine = history.filter((sent) => (own ? sent.sender === sender : sent.sender !== sender) && sent.command).slice(-20);
    const pool = mine.length > 0 ? mine : history.slice(-20);
    return { kind: "input", index: random.pick(pool).index };
  }

  /** Wraps a line in an event: most as Element sends them, some nothing sends. */
  private shape(index: number, room: number, sender: string, line: string): { action: FuzzAction; family: string; plain: boolean } {
    const { random } = this;
    const message = (content: unknown, family: string, target?: Target, eventType = "m.room.message"): { action: FuzzAction; family: string; plain: boolean } => ({
      action: target === undefined ? { kind: "send", eventType, content } : { kind: "send", eventType, content, target },
      family,
      plain: family === "text",
    });
    const text = { msgtype: "m.text", body: line };
    const kind = random.weighted<string>([
      [58, "text"],
      [5, "html"],
      [6, "msgtype"],
      [5, "body"],
      [6, "reply"],
      [4, "thread"],
      [3, "relation"],
      [9, "edit"],
      [2, "state"],
      [3, "reaction"],
      [4, "redaction"],
      [2, "other-type"],
    ]);
    switch (kind) {
      case "text":
        return message(random.chance(0.1) ? { ...text, "m.mentions": random.pick([{}, { room: true }, { user_ids: ["@minou:minou.test"] }, { user_ids: "x" }]) } : text, "text");
      case "html":
        return message(
          {
            ...text,
            format: random.pick(["org.matrix.custom.html", "text/html", 42]),
            formatted_body: random.pick([
              () => `<p>${line}</p>`,
              () => `${random.pick(HTML)}${line}`,
              () => `<a href="https://matrix.to/#/@minou:minou.test">Minou</a>: ${line}`,
              () => "<b>".repeat(random.int(1, 5_000)),
              () => 42,
            ])(),
          },
          "html",
        );
      case "msgtype":
        return message({ ...text, msgtype: random.pick(["m.emote", "m.notice", undefined, "fr.fuzz.inconnu", 42, "M.TEXT", "m.text ", "", null, ["m.text"]]) }, "msgtype");
      case "body":
        return message(
          random.pick([
            () => ({ msgtype: "m.text", body: random.pick([42, null, true, [line], { text: line }, 1e308]) }),
            () => ({ msgtype: "m.text" }),
            () => ({ msgtype: "m.text", format: "org.matrix.custom.html", formatted_body: `<p>${line}</p>` }),
            () => ({}),
            () => ({ body: line }),
            () => ({ msgtype: "m.text", body: line, [head(line, 200) || "k"]: line }),
          ])(),
          "body",
        );
      case "reply": {
        const target = random.chance(0.15) ? { kind: "minou" as const } : this.earlier(room, sender, random.chance(0.5));
        const fallback = random.chance(0.5) ? `> <@camille:minou.test> ${random.pick(["!aide", "bonjour", "> >", ""])}\n\n` : "";
        return message({ msgtype: "m.text", body: `${fallback}${line}`, "m.relates_to": { "m.in_reply_to": { event_id: TARGET } } }, "reply", target);
      }
      case "thread": {
        const target = this.earlier(room, sender, false);
        const relation = random.pick([
          { rel_type: "m.thread", event_id: TARGET, is_falling_back: true, "m.in_reply_to": { event_id: TARGET } },
          { rel_type: "m.thread", event_id: TARGET },
          { rel_type: "m.thread", event_id: TARGET, is_falling_back: false, "m.in_reply_to": { event_id: "$ailleurs:minou.test" } },
          { rel_type: "m.thread", event_id: 42 },
        ]);
        return message({ ...text, "m.relates_to": relation }, "thread", target);
      }
      case "relation":
        return message(
          {
            ...text,
            "m.relates_to": random.pick([
              { rel_type: "m.reference", event_id: TARGET },
              { rel_type: "fr.fuzz.inconnu", event_id: TARGET },
              "m.in_reply_to",
              [TARGET],
              null,
              { "m.in_reply_to": TARGET },
              { "m.in_reply_to": { event_id: 42 } },
              { "m.in_reply_to": null },
              { rel_type: "m.annotation", event_id: TARGET, key: "✅" },
            ]),
          },
          "relation",
          this.earlier(room, sender, false),
        );
      case "edit":
        return this.edit(room, sender, line);
      case "state":
        return this.stateLooking(line);
      case "reaction": {
        const target = random.chance(0.5) ? { kind: "minou" as const } : this.earlier(room, sender, false);
        const key = random.pick([
          () => random.pick(["✅", "✅️", "👍", "👍🏽", "❌", "🤔", "1️⃣", "2️⃣", "🇫🇷"]),
          () => "✅".repeat(random.pick([2, 1_000, 20_000])),
          () => hostileText(random),
          () => longText(random),
          () => 42,
          () => "",
        ])();
        return message({ "m.relates_to": { rel_type: "m.annotation", event_id: TARGET, key } }, "reaction", target, "m.reaction");
      }
      case "redaction": {
        const target = random.chance(0.5) && index > 0 ? this.earlier(room, sender, true) : this.earlier(room, sender, random.chance(0.7));
        const action: FuzzAction = random.chance(0.3) ? { kind: "redact", target, reason: hostileText(random, random.int(1, 3_000)) } : { kind: "redact", target };
        return { action, family: "redaction", plain: false };
      }
      default:
        return random.pick([
          () => message({ body: line, msgtype: "m.text" }, "sticker", undefined, "m.sticker"),
          () => message({ algorithm: "m.megolm.v1.aes-sha2", ciphertext: hostileText(random, 40), session_id: "x", sender_key: "y", device_id: "Z" }, "encrypted", undefined, "m.room.encrypted"),
          () => message({ "org.matrix.msc1767.text": line, "org.matrix.msc3381.poll.start": { question: { "org.matrix.msc1767.text": line }, kind: "x", max_selections: -1, answers: [{ id: "a", "org.matrix.msc1767.text": line }] } }, "poll-start", undefined, "org.matrix.msc3381.poll.start"),
          () => message({ "m.relates_to": { rel_type: "m.reference", event_id: TARGET }, "org.matrix.msc3381.poll.response": { answers: random.pick([["a1"], "a1", [42], null, Array.from({ length: 500 }, (_, n) => `a${n}`)]) } }, "poll-response", { kind: "minou" }, "org.matrix.msc3381.poll.response"),
          () => message({ "m.relates_to": { rel_type: "m.reference", event_id: TARGET }, "org.matrix.msc3381.poll.end": {} }, "poll-end", { kind: "minou" }, "org.matrix.msc3381.poll.end"),
          () => message(text, "custom-type", undefined, "fr.fuzz.message"),
        ])();
    }
  }

  /** An edit (spec: "Event replacements"), well formed or not, of a command or of nothing known. */
  private edit(room: number, sender: string, line: string): { action: FuzzAction; family: string; plain: boolean } {
    const { random } = this;
    const target = random.chance(0.75) ? this.earlier(room, sender, true) : this.earlier(room, sender, false);
    const newContent = random.weighted<unknown>([
      [8, { msgtype: "m.text", body: line }],
      [1, { msgtype: "m.text", body: line, "m.relates_to": { rel_type: "m.replace", event_id: "$autre:minou.test" } }],
      [1, { msgtype: "m.emote", body: line }],
      [1, { msgtype: "m.text", body: 42 }],
      [1, { msgtype: "m.text" }],
      [1, line],
      [1, null],
      [1, [line]],
      [1, 42],
      [1, {}],
    ]);
    const topLevel = random.chance(0.8) ? `* ${line}` : line;
    const relation = random.weighted<unknown>([
      [10, { rel_type: "m.replace", event_id: TARGET }],
      [1, { rel_type: "m.replace", event_id: 42 }],
      [1, { rel_type: "m.replace" }],
      [1, { rel_type: "M.REPLACE", event_id: TARGET }],
      [1, { rel_type: "m.replace", event_id: TARGET, "m.in_reply_to": { event_id: TARGET } }],
    ]);
    const content: Record<string, unknown> = { msgtype: "m.text", body: topLevel, "m.relates_to": relation };
    if (random.chance(0.92)) content["m.new_content"] = newContent;
    return { action: { kind: "send", eventType: "m.room.message", content, target }, family: "edit", plain: false };
  }

  /** State events, and messages that look like state. */
  private stateLooking(line: string): { action: FuzzAction; family: string; plain: boolean } {
    const { random } = this;
    return random.pick<() => { action: FuzzAction; family: string; plain: boolean }>([
      () => ({ action: { kind: "state", eventType: "m.room.message", stateKey: "", content: { msgtype: "m.text", body: line } }, family: "state-message", plain: false }),
      () => ({ action: { kind: "state", eventType: "fr.fuzz.etat", stateKey: random.pick(["", head(line, 100) || "k", "@minou:minou.test"]), content: { body: line, msgtype: "m.text" } }, family: "state-custom", plain: false }),
      () => ({ action: { kind: "state", eventType: "m.room.topic", stateKey: "", content: { topic: head(line, 1_000) } }, family: "state-topic", plain: false }),
      () => ({ action: { kind: "send", eventType: "m.room.topic", content: { topic: line } }, family: "topic-message", plain: false }),
      () => ({ action: { kind: "send", eventType: "m.room.message", content: { msgtype: "m.text", body: line, state_key: "" } }, family: "state-key-in-content", plain: false }),
    ])();
  }
}
