import { createHash } from "node:crypto";
import type { Stores } from "../../storage/index.ts";
import type { InboundEvent, MatrixEvent } from "../../storage/inbound-events-store.ts";
import type { Language } from "../i18n/language.ts";
import { messagesFor } from "../i18n/runtime-messages.ts";
import type { Logger } from "../log.ts";
import { canRedactOthers, canSendState, MODERATOR_POWER_LEVEL, userPowerLevel } from "../matrix/power-levels.ts";
import { noticeContent } from "../matrix/reply-content.ts";
import { txnIdFor } from "../matrix/txn-id.ts";
import type { Effect, InboundHandler } from "../pipeline/inbound-processor.ts";
import type { RoomStateCache } from "../pipeline/room-state.ts";
import { cutText, excerpt } from "../render/cut-text.ts";
import type { Markdown } from "../render/markdown.ts";
import { renderMessage } from "../render/render-message.ts";
import { correctedCommand, EDIT_EXPLAINED, editDecision, readEdit, replyTarget, type Edit } from "./command-edits.ts";
import {
  allows,
  type AboutMinou,
  type Command,
  type CommandContext,
  type CommandSettings,
  type MinouAbilities,
  type PermissionLevel,
  type ReplyOptions,
  type RoomView,
} from "./command.ts";
import { FloodGuard, type FloodGuardSettings } from "./flood-guard.ts";
import { usageOf } from "./help.ts";
import { parseArgs, type ArgProblem } from "./parse-args.ts";
import { recognizeCommand } from "./recognize.ts";
import { CommandRegistry } from "./registry.ts";
import { tokenize } from "./tokenize.ts";

export interface DispatcherSettings {
  readonly botUserId: string;
  readonly prefix: string;
  readonly names: readonly string[];
  readonly admins: readonly string[];
  readonly staff: readonly string[];
  readonly defaultLanguage: Language;
  readonly defaultTimeZone: string;
  readonly floodGuard: FloodGuardSettings;
  readonly commands: CommandSettings;
}

interface SenderMembership {
  readonly roomId: string;
  readonly joined: boolean;
}

/** The permission level of a member: configured admins and staff, else the room's power level. */
export function permissionLevelOf(userId: string, powerLevel: number, settings: Pick<DispatcherSettings, "admins" | "staff">): PermissionLevel {
  if (settings.admins.includes(userId)) return "admin";
  if (settings.staff.includes(userId)) return "staff";
  return powerLevel >= MODERATOR_POWER_LEVEL ? "moderator" : "member";
}

/**
 * Turns a message addressed to Minou into one answer: finds the command, checks who may use it
 * (the only place permissions are checked), reads its arguments, runs it, and queues the reply
 * in the transaction that marks the message handled.
 */
export class Dispatcher implements InboundHandler {
  readonly eventTypes = ["m.room.message"] as const;
  private readonly floodGuard: FloodGuard;

  constructor(
    private readonly registry: CommandRegistry,
    private readonly stores: Stores,
    private readonly roomState: RoomStateCache,
    private readonly settings: DispatcherSettings,
    private readonly about: AboutMinou,
    private readonly log: Logger,
    private readonly now: () => number,
  ) {
    this.floodGuard = new FloodGuard(settings.floodGuard);
  }

  async prepare(item: InboundEvent): Promise<Effect | undefined> {
    const { event } = item;
    if (event.sender === this.settings.botUserId) return undefined;
    const edit = readEdit(event);
    if (edit !== undefined) return this.prepareEdit(item, edit);
    const line = this.recognize(event.content);
    if (line === undefined) return undefined;
    return this.prepareCommand(item, line, event);
  }

  private recognize(content: Record<string, unknown>): string | undefined {
    return recognizeCommand(content, { prefix: this.settings.prefix, names: this.settings.names, botUserId: this.settings.botUserId });
  }

  /** The look-ups a command needs, then the effect that runs it and answers `replyTo`. */
  private async prepareCommand(item: InboundEvent, line: string, replyTo: MatrixEvent): Promise<Effect> {
    const { event } = item;
    const levels = await this.roomState.powerLevels(item.roomId);
    const powerLevel = userPowerLevel(levels, event.sender);
    const minouMay = {
      redact: canRedactOthers(levels, this.settings.botUserId),
      pin: canSendState(levels, this.settings.botUserId, "m.room.pinned_events"),
      pinLevel: levels.events["m.room.pinned_events"] ?? levels.stateDefault,
    };
    const membership = await this.senderMembership(line, event.sender);
    return () => this.commit(item, line, powerLevel, minouMay, membership, replyTo);
  }

  /**
   * An edit of a command (README, "Corriger une commande"). The correction of a command Minou did
   * not carry out runs, answered as a reply to the original; once one has been carried out, an
   * edit never runs again, and Minou says so once.
   */
  private async prepareEdit(item: InboundEvent, edit: Edit): Promise<Effect | undefined> {
    const { event, roomId } = item;
    const { originalEventId } = edit;
    const outcome = this.stores.inbound.outcomeOf(originalEventId);
    const decision = editDecision(outcome);
    if (decision === "ignore") return undefined;
    const original = await this.roomState.event(roomId, originalEventId);
    // Only its author can correct a message (spec: an edit by anyone else is invalid); a deleted one stays deleted.
    if (original?.sender !== event.sender || original.unsigned?.["redacted_because"] !== undefined) return undefined;
    const target = replyTarget(original);
    const line = this.recognize(edit.newContent);
    // Checked again in the handling transaction: an edit acts only on the outcome it was prepared for.
    const unchanged = (): boolean => this.stores.inbound.outcomeOf(originalEventId) === outcome;
    if (decision === "explain") {
      return () => {
        if (!unchanged()) return "edit-ignored";
        const text = messagesFor(this.roomView(roomId).language).editNotRerun(this.settings.prefix);
        this.enqueueReply(event, roomId, text, line ?? "", {}, target);
        this.stores.inbound.updateOutcomeOf(originalEventId, EDIT_EXPLAINED);
        return "edit-explained";
      };
    }
    if (line === undefined) return undefined;
    const run = await this.prepareCommand({ ...item, event: correctedCommand(event, edit.newContent, original) }, line, target);
    return () => {
      if (!unchanged()) return "edit-ignored";
      const retried = run();
      this.stores.inbound.updateOutcomeOf(originalEventId, retried);
      return `edit-${retried}`;
    };
  }

  /** For a command whose descriptor names a room (`senderMembershipIn`): is the sender joined there now? */
  private async senderMembership(line: string, sender: string): Promise<SenderMembership | undefined> {
    const tokens = tokenize(line);
    const match = this.registry.match(tokens.map((token) => token.text));
    const roomOf = match?.command.senderMembershipIn;
    if (match === undefined || roomOf === undefined) return undefined;
    const parsed = parseArgs(match.command, tokens.slice(match.wordCount), line);
    if (!parsed.ok) return undefined;
    const roomId = roomOf(this.stores, parsed.args);
    if (roomId === undefined) return undefined;
    try {
      return { roomId, joined: await this.roomState.isJoined(roomId, sender) };
    } catch (error) {
      // Minou left that room, or the homeserver is unreachable: the command says it could not check.
      this.log.warn("could not check the sender's membership", { roomId, sender, error });
      return undefined;
    }
  }

  private commit(item: InboundEvent, line: string, powerLevel: number, minouMay: MinouAbilities, membership: SenderMembership | undefined, replyTo: MatrixEvent): string {
    const { event, roomId } = item;
    const room = this.roomView(roomId);
    const messages = messagesFor(room.language);
    const respond = (text: Markdown, outcome: string, options: ReplyOptions = {}): string => {
      this.enqueueReply(event, roomId, text, line, options, replyTo);
      return outcome;
    };

    const tokens = tokenize(line);
    const words = tokens.map((token) => token.text);
    const match = this.registry.match(words);
    // An unknown command is answered with suggestions, which reads nothing more than the help.
    const weight = match === undefined || match.command.readOnly ? "read" : "write";
    const flood = this.floodGuard.check(event.sender, event.origin_server_ts, weight);
    if (flood === "ignore") return "flood-ignored";
    if (flood === "warn") return respond(messages.floodWarning(this.settings.floodGuard.muteSeconds), "flood-warned");

    if (match === undefined) {
      // What a member typed is quoted, never more than a short excerpt of it: a reply holding all
      // of a long message would be too big to send.
      const typed = excerpt(words[0] ?? line);
      return respond(messages.unknownCommand(typed, this.registry.suggest(words, room.language), this.settings.prefix), "unknown");
    }
    const { command } = match;
    const level = permissionLevelOf(event.sender, powerLevel, this.settings);
    const name = this.settings.prefix + CommandRegistry.nameIn(command, room.language);
    if (!allows(level, command.permission)) return respond(messages.notAllowed(name, command.permission), "refused");

    const parsed = parseArgs(command, tokens.slice(match.wordCount), line);
    if (!parsed.ok) {
      const usage = usageOf(command, room.language, this.settings.prefix);
      const subcommand = this.registry.suggest(words, room.language, words.slice(0, match.wordCount));
      return respond(this.describeProblem(command, parsed.problem, room.language, usage, subcommand), "bad-arguments");
    }

    const context: CommandContext = {
      now: this.now(),
      language: room.language,
      room,
      sender: { userId: event.sender, level, powerLevel },
      stores: this.stores,
      commands: this.registry,
      prefix: this.settings.prefix,
      about: this.about,
      settings: this.settings.commands,
      replyTo: repliedTo(event),
      minouMay,
      senderJoined: (wanted) => (membership?.roomId === wanted ? membership.joined : undefined),
    };
    try {
      // A savepoint: a command that throws, or whose answer cannot be rendered, leaves no
      // half-made change behind, only the apology.
      return this.stores.transaction(() => {
        const result = command.execute(context, parsed.args);
        return result.kind === "reply" ? respond(result.text, "answered", result) : respond(result.text, "refused");
      });
    } catch (error) {
      const reference = createHash("sha256").update(event.event_id).digest("hex").slice(0, 8);
      this.log.error("command failed", { reference, command: command.id, roomId, sender: event.sender, eventId: event.event_id, error });
      return respond(messages.internalError(reference), "error");
    }
  }

  private describeProblem(command: Command, problem: ArgProblem, language: Language, usage: string, suggestion: string | undefined): Markdown {
    const messages = messagesFor(language);
    const prefixed = suggestion === undefined ? undefined : this.settings.prefix + suggestion;
    const given = "given" in problem ? excerpt(problem.given) : "";
    switch (problem.kind) {
      case "missing":
        return messages.missingArgument(command.texts.label(problem.arg.name, language), usage);
      case "notInteger":
        return messages.notInteger(command.texts.label(problem.arg.name, language), given, usage);
      case "outOfRange":
        return messages.outOfRange(command.texts.label(problem.arg.name, language), given, usage);
      case "notAChoice":
        // "!agenda ajoutr": a near-miss sub-command helps more than the list of choices.
        return problem.arg.kind === "choice" && prefixed === undefined
          ? messages.notAChoice(command.texts.label(problem.arg.name, language), given, problem.arg.choices, usage)
          : messages.tooManyArguments(given, usage, prefixed);
      case "tooMany":
        return messages.tooManyArguments(given, usage, prefixed);
      case "duplicateOption":
        return messages.duplicateOption(excerpt(problem.key), usage);
    }
  }

  private roomView(roomId: string): RoomView {
    const record = this.stores.rooms.get(roomId);
    return {
      roomId,
      name: record?.name ?? null,
      language: record?.language ?? this.settings.defaultLanguage,
      timeZone: record?.timeZone ?? this.settings.defaultTimeZone,
    };
  }

  /** Queues the answer to `event` (transaction ids, log context), as a reply to `replyTo`: the command, or the one an edit corrects. */
  private enqueueReply(event: MatrixEvent, roomId: string, text: Markdown, line: string, options: ReplyOptions, replyTo: MatrixEvent): void {
    const content = noticeContent(renderMessage(text), options.mentions === undefined ? { replyTo } : { replyTo, mentions: options.mentions });
    const context = `${this.settings.prefix}${cutText(line, 80)} from ${event.sender} (${event.event_id})`;
    const messages = [
      { eventType: "m.room.message", content: { ...options.extraContent, ...content }, purpose: options.purpose, purposeRef: options.purposeRef, attachment: undefined, targetUser: undefined },
      ...(options.followUps ?? []),
    ];
    messages.forEach((message, index) => {
      this.stores.outbox.enqueue(
        {
          txnId: txnIdFor(event.event_id, index),
          // A direct message leaves from the member's DM room, created on first use (roomId "").
          roomId: message.targetUser === undefined ? roomId : "",
          ...(message.targetUser === undefined ? {} : { targetUser: message.targetUser }),
          eventType: message.eventType,
          content: message.content,
          ...(message.purpose === undefined ? {} : { purpose: message.purpose }),
          ...(message.purposeRef === undefined ? {} : { purposeRef: message.purposeRef }),
          ...(message.attachment === undefined ? {} : { attachment: message.attachment }),
          context,
        },
        this.now(),
      );
    });
  }
}

function repliedTo(event: MatrixEvent): string | undefined {
  const relation = event.content["m.relates_to"] as { "m.in_reply_to"?: { event_id?: unknown } } | undefined;
  const target = relation?.["m.in_reply_to"]?.event_id;
  return typeof target === "string" ? target : undefined;
}
