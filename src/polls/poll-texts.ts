import type { MemberNames } from "../matrix/display-names.ts";
import { shortWhen } from "../agenda/format.ts";
import { zoneLabel } from "../agenda/parse-when.ts";
import { plainText, t } from "../i18n/catalog.ts";
import type { Language } from "../i18n/language.ts";
import { code, joinMarkdown, md, trusted, userPill, type Markdown } from "../render/markdown.ts";
import type { Poll, PollOption } from "./model.ts";
import type { SlotTally } from "./poll-state.ts";
import { bestSlot } from "./poll-state.ts";
import { countsText, type Tally } from "./tally.ts";
import { definitionOf } from "./poll-state.ts";
import { DateTime } from "luxon";
import { localeOf } from "../i18n/language.ts";

/**
 * A command line to type, as a code span: the prefix, then a text of the catalog that starts with
 * the command's name in the language (`polls.clore.example`: "sondage clore {number}").
 */
export function commandExample(prefix: string, text: string): Markdown {
  return code(`${prefix}${text}`);
}

/** The word "oui" (or "yes") once per slot, as `!sondage voter` reads it. */
export function yesPerSlot(poll: Poll, language: Language): string {
  return poll.options.map(() => plainText(language, "polls.voter.yesWord")).join(" ");
}

export function slotLabel(poll: Poll, option: PollOption, language: Language): string {
  if (option.startsAt === null || option.endsAt === null) return option.label;
  return shortWhen(option.startsAt, option.endsAt, option.allDay, poll.timeZone, language);
}

/** A slot in running prose, dates in full: "jeudi 3 décembre de 18:30 à 19:30" (the label as typed for a slot without dates). */
export function slotInFull(poll: Poll, option: PollOption, language: Language): string {
  if (option.startsAt === null || option.endsAt === null) return option.label;
  const start = DateTime.fromMillis(option.startsAt, { zone: poll.timeZone }).setLocale(localeOf(language));
  // An all-day slot ends at the midnight after its last day.
  const end = DateTime.fromMillis(option.allDay ? option.endsAt - 1 : option.endsAt, { zone: poll.timeZone }).setLocale(localeOf(language));
  return plainText(language, "polls.dates.slotLong", {
    allDay: option.allDay ? "yes" : "no",
    sameDay: start.hasSame(end, "day") ? "yes" : "no",
    startDay: start.toFormat("cccc d LLLL"),
    endDay: end.toFormat("cccc d LLLL"),
    startTime: start.toLocaleString(DateTime.TIME_SIMPLE),
    endTime: end.toLocaleString(DateTime.TIME_SIMPLE),
  });
}

/** "Clôture : vendredi 27 novembre à 18:00 (heure de Paris)."; undefined without a deadline. */
export function deadlineText(poll: Poll, language: Language): Markdown | undefined {
  if (poll.deadline === null) return undefined;
  const local = DateTime.fromMillis(poll.deadline, { zone: poll.timeZone }).setLocale(localeOf(language));
  const zone = zoneLabel(poll.timeZone, language);
  // "jusqu'à vendredi" ends at the midnight after Friday: say "end of Friday", not "Saturday 00:00".
  if (local.hour === 0 && local.minute === 0) return t(language, "polls.deadline.closesEndOfDay", { day: local.minus({ days: 1 }).toFormat("cccc d LLLL"), zone });
  return t(language, "polls.deadline.closesAt", { day: local.toFormat("cccc d LLLL"), time: local.toLocaleString(DateTime.TIME_SIMPLE), zone });
}

/** How to vote in an anonymous poll: privately, with the poll's code. */
export function anonymousInstructions(poll: Poll, language: Language, prefix: string): Markdown {
  const answers = poll.kind === "dates" ? yesPerSlot(poll, language) : "1";
  const example = commandExample(prefix, plainText(language, "polls.voter.example", { poll: poll.code ?? "", answers }));
  return t(language, "polls.anonymous.instructions", { example });
}

/**
 * The live summary of a date poll: a table per slot, best slot highlighted; voters named as in the
 * poll's room by `names` (by their Matrix ID without it: a poll just created has no voters yet).
 */
export function dateSummary(poll: Poll, tallies: readonly SlotTally[], language: Language, prefix: string, names?: MemberNames): Markdown {
  const pill = (user: string): Markdown => userPill(user, names?.displayName(poll.roomId, user));
  const best = bestSlot(tallies);
  const header = t(language, "polls.dates.summaryHeader", { question: poll.question, number: poll.number });
  const rows = tallies.map((tally) => {
    const option = poll.options.find((candidate) => candidate.position === tally.position);
    const label = option === undefined ? String(tally.position) : slotLabel(poll, option, language);
    const star = best?.position === tally.position ? " ⭐" : "";
    const cell = md`${tally.position}. ${label}`;
    return trusted(`| ${star === "" ? cell.source : `**${cell.source}**${star}`} | ${tally.counts.yes} | ${tally.counts.maybe} | ${tally.counts.no} |`);
  });
  const table = joinMarkdown([t(language, "polls.dates.tableHeader"), trusted("| --- | --- | --- | --- |"), ...rows], "\n");
  const lines: Markdown[] = [header, table];
  if (!poll.anonymous) {
    const who = tallies.flatMap((tally) => {
      const people = [...tally.voters.yes.map((user) => md`✅ ${pill(user)}`), ...tally.voters.maybe.map((user) => md`❓ ${pill(user)}`)];
      return people.length === 0 ? [] : [md`${tally.position}. ${joinMarkdown(people, ", ")}`];
    });
    if (who.length > 0) lines.push(joinMarkdown(who, "\n"));
  }
  lines.push(closingLine(poll, language, prefix, best));
  return joinMarkdown(lines, "\n\n");
}

function closingLine(poll: Poll, language: Language, prefix: string, best: SlotTally | undefined): Markdown {
  if (poll.chosenPosition !== null) {
    const option = poll.options.find((candidate) => candidate.position === poll.chosenPosition);
    const slot = option === undefined ? "" : slotInFull(poll, option, language);
    return t(language, "polls.dates.chosen", { position: poll.chosenPosition, slot });
  }
  if (poll.closedAt !== null) return best === undefined ? t(language, "polls.dates.closed") : t(language, "polls.dates.closedBest", { position: best.position });
  const example = commandExample(prefix, plainText(language, "polls.voter.example", { poll: poll.number, answers: yesPerSlot(poll, language) }));
  const vote = t(language, "polls.dates.howToVote", { example });
  const deadline = deadlineText(poll, language);
  return deadline === undefined ? vote : joinMarkdown([vote, deadline], " ");
}

/** The message of one slot, which members react to. */
export function slotMessage(poll: Poll, option: PollOption, language: Language): Markdown {
  return t(language, "polls.dates.slotMessage", { number: poll.number, position: option.position, slot: slotLabel(poll, option, language), zone: zoneLabel(poll.timeZone, language) });
}

/** An anonymous question poll's live summary: totals only. */
export function anonymousSummary(poll: Poll, tally: Tally, language: Language, prefix: string): Markdown {
  const header = t(language, "polls.anonymous.header", { question: poll.question, number: poll.number });
  const counts = md`${countsText(definitionOf(poll), tally, language, false)}`;
  const footer = poll.closedAt !== null ? t(language, "polls.anonymous.closed") : anonymousInstructions(poll, language, prefix);
  return joinMarkdown([header, trusted(counts.source.replace(/\n/g, "  \n")), footer], "\n\n");
}

/**
 * At the deadline of a member's Element poll, Minou no longer has the power its end event needs
 * (MSC3381: only the poll's sender or someone allowed to redact): what the room can do instead.
 */
export function cannotEndText(poll: Poll, language: Language, prefix: string): Markdown {
  const command = commandExample(prefix, plainText(language, "polls.clore.example", { number: poll.number }));
  return t(language, "polls.deadline.cannotEnd", { number: poll.number, question: poll.question, command });
}
