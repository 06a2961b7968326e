import type { MemberNames } from "../matrix/display-names.ts";
import { shortWhen } from "../agenda/format.ts";
import { zoneLabel } from "../agenda/parse-when.ts";
import type { Language } from "../i18n/language.ts";
import { code, joinMarkdown, md, trusted, userPill, type Markdown } from "../render/markdown.ts";
import type { Poll, PollOption } from "./model.ts";
import type { SlotTally } from "./poll-state.ts";
import { bestSlot } from "./poll-state.ts";
import { countsText, type Tally } from "./tally.ts";
import { definitionOf } from "./poll-state.ts";
import { DateTime } from "luxon";
import { localeOf } from "../i18n/language.ts";

export function pollNumber(poll: Poll, language: Language): string {
  return language === "fr" ? `n°${poll.number}` : `#${poll.number}`;
}

export function slotLabel(poll: Poll, option: PollOption, language: Language): string {
  if (option.startsAt === null || option.endsAt === null) return option.label;
  return shortWhen(option.startsAt, option.endsAt, option.allDay, poll.timeZone, language);
}

export function deadlineText(poll: Poll, language: Language): string {
  if (poll.deadline === null) return "";
  const local = DateTime.fromMillis(poll.deadline, { zone: poll.timeZone }).setLocale(localeOf(language));
  // "jusqu'à vendredi" ends at the midnight after Friday: say "end of Friday", not "Saturday 00:00".
  const when =
    local.hour === 0 && local.minute === 0
      ? `${local.minus({ days: 1 }).toFormat("cccc d LLLL")}, ${language === "fr" ? "fin de journée" : "end of day"}`
      : local.toFormat("cccc d LLLL, HH:mm");
  return language === "fr" ? `Clôture : ${when} (${zoneLabel(poll.timeZone, language)}).` : `Closes: ${when} (${zoneLabel(poll.timeZone, language)}).`;
}

/** How to vote in an anonymous poll: privately, with the poll's code. */
export function anonymousInstructions(poll: Poll, language: Language, prefix: string): Markdown {
  const example = poll.kind === "dates" ? `${prefix}sondage voter ${poll.code ?? ""} ${poll.options.map(() => "oui").join(" ")}` : `${prefix}sondage voter ${poll.code ?? ""} 1`;
  return language === "fr"
    ? md`🔒 Sondage anonyme : votez en message privé avec moi (ouvrez une discussion avec Minou) en écrivant ${code(example)}. Le salon ne voit que les totaux ; je ne garde qui a voté quoi que jusqu'à la clôture, pour vous laisser changer d'avis.`
    : md`🔒 Anonymous poll: vote in a private chat with me by writing ${code(example.replace("sondage voter", "poll vote"))}. The room only sees totals; I only keep who voted what until the poll closes, so you can change your mind.`;
}

/**
 * The live summary of a date poll: a table per slot, best slot highlighted; voters named as in the
 * poll's room by `names` (by their Matrix ID without it: a poll just created has no voters yet).
 */
export function dateSummary(poll: Poll, tallies: readonly SlotTally[], language: Language, prefix: string, names?: MemberNames): Markdown {
  const pill = (user: string): Markdown => userPill(user, names?.displayName(poll.roomId, user));
  const fr = language === "fr";
  const best = bestSlot(tallies);
  const header = fr
    ? md`📊 **${poll.question}** — sondage de dates ${pollNumber(poll, language)}`
    : md`📊 **${poll.question}** — date poll ${pollNumber(poll, language)}`;
  const headRow = fr ? "| Créneau | ✅ oui | ❓ si besoin | ❌ non |" : "| Slot | ✅ yes | ❓ if needed | ❌ no |";
  const rows = tallies.map((tally) => {
    const option = poll.options.find((candidate) => candidate.position === tally.position);
    const label = option === undefined ? String(tally.position) : slotLabel(poll, option, language);
    const star = best?.position === tally.position ? " ⭐" : "";
    const cell = md`${tally.position}. ${label}`;
    return trusted(`| ${star === "" ? cell.source : `**${cell.source}**${star}`} | ${tally.counts.yes} | ${tally.counts.maybe} | ${tally.counts.no} |`);
  });
  const table = joinMarkdown([trusted(headRow), trusted("| --- | --- | --- | --- |"), ...rows], "\n");
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
  const fr = language === "fr";
  if (poll.chosenPosition !== null) {
    const option = poll.options.find((candidate) => candidate.position === poll.chosenPosition);
    const label = option === undefined ? "" : slotLabel(poll, option, language);
    return fr ? md`✅ Clos : le créneau ${poll.chosenPosition} (${label}) est retenu et ajouté à l'agenda.` : md`✅ Closed: slot ${poll.chosenPosition} (${label}) was chosen and added to the agenda.`;
  }
  if (poll.closedAt !== null) {
    const suggestion = best === undefined ? "" : fr ? ` Le créneau ${best.position} convient le mieux.` : ` Slot ${best.position} suits best.`;
    return fr ? md`Sondage clos.${suggestion}` : md`Poll closed.${suggestion}`;
  }
  const vote = fr
    ? md`Répondez sous chaque créneau avec ✅ (oui), ❓ (si besoin) ou ❌ (non), ou en une ligne : ${code(`${prefix}sondage voter ${poll.number} ${poll.options.map(() => "oui").join(" ")}`)}.`
    : md`Answer under each slot with ✅ (yes), ❓ (if needed) or ❌ (no), or in one line: ${code(`${prefix}poll vote ${poll.number} ${poll.options.map(() => "yes").join(" ")}`)}.`;
  const deadline = deadlineText(poll, language);
  return deadline === "" ? vote : joinMarkdown([vote, md`${deadline}`], " ");
}

/** The message of one slot, which members react to. */
export function slotMessage(poll: Poll, option: PollOption, language: Language): Markdown {
  const label = slotLabel(poll, option, language);
  return language === "fr"
    ? md`🗓️ ${pollNumber(poll, language)} · créneau **${option.position}** : ${label} (${zoneLabel(poll.timeZone, language)}) — ✅ oui · ❓ si besoin · ❌ non`
    : md`🗓️ ${pollNumber(poll, language)} · slot **${option.position}**: ${label} (${zoneLabel(poll.timeZone, language)}) — ✅ yes · ❓ if needed · ❌ no`;
}

/** An anonymous question poll's live summary: totals only. */
export function anonymousSummary(poll: Poll, tally: Tally, language: Language, prefix: string): Markdown {
  const header = md`📊 **${poll.question}** (${pollNumber(poll, language)})`;
  const counts = md`${countsText(definitionOf(poll), tally, language, false)}`;
  const footer = poll.closedAt !== null ? (language === "fr" ? md`Sondage clos.` : md`Poll closed.`) : anonymousInstructions(poll, language, prefix);
  return joinMarkdown([header, trusted(counts.source.replace(/\n/g, "  \n")), footer], "\n\n");
}

/**
 * At the deadline of a member's Element poll, Minou no longer has the power its end event needs
 * (MSC3381: only the poll's sender or someone allowed to redact): what the room can do instead.
 */
export function cannotEndText(poll: Poll, language: Language, prefix: string): Markdown {
  const number = pollNumber(poll, language);
  return language === "fr"
    ? md`L'échéance du sondage ${number} « ${poll.question} » est arrivée, mais je ne peux plus le clore : il me faut le droit de supprimer les messages des autres (niveau « Modérateur »), que je n'ai plus dans ce salon. Le sondage reste ouvert. Pour le clore : la personne qui l'a lancé choisit « Terminer le sondage » dans Element, ou un administrateur du salon me redonne le niveau « Modérateur » (Paramètres du salon, Rôles et permissions) et tape ${code(`${prefix}sondage clore ${poll.number}`)}.`
    : md`The deadline of poll ${number} "${poll.question}" has come, but I can no longer close it: I need the power to remove others' messages (Moderator), which I no longer have in this room. The poll stays open. To close it: whoever started it chooses "End poll" in Element, or a room admin gives me Moderator again (Room settings, Roles & Permissions) and types ${code(`${prefix}poll close ${poll.number}`)}.`;
}
