import { shortWhen } from "../agenda/format.ts";
import { zoneLabel } from "../agenda/parse-when.ts";
import type { Language } from "../i18n/language.ts";
import { code, joinMarkdown, md, type Markdown } from "../render/markdown.ts";
import type { SessionCounts, TrainingSession } from "./model.ts";

export function sessionWhen(session: TrainingSession, language: Language): string {
  return `${shortWhen(session.startsAt, session.endsAt, false, session.timeZone, language)} (${zoneLabel(session.timeZone, language)})`;
}

/** "3 places restantes sur 10 · 2 en attente" */
export function placesText(session: TrainingSession, counts: SessionCounts, language: Language): string {
  if (language === "fr") {
    const left = counts.placesLeft === 0 ? "complet" : `${counts.placesLeft} place${counts.placesLeft > 1 ? "s" : ""} restante${counts.placesLeft > 1 ? "s" : ""} sur ${session.capacity}`;
    return counts.waiting === 0 ? left : `${left} · ${counts.waiting} en attente`;
  }
  const left = counts.placesLeft === 0 ? "full" : `${counts.placesLeft} of ${session.capacity} places left`;
  return counts.waiting === 0 ? left : `${left} · ${counts.waiting} waiting`;
}

/** One session in a list: number, title, when, where, places. */
export function sessionLine(session: TrainingSession, counts: SessionCounts, language: Language): Markdown {
  const place = session.location === null ? "" : ` — 📍 ${session.location}`;
  const number = language === "fr" ? `n°${session.id}` : `#${session.id}`;
  return md`**${number}** · ${session.title} — ${sessionWhen(session, language)}${place} — ${placesText(session, counts, language)}`;
}

/** The announcement members react ✅ to in order to sign up; edited as places fill. */
export function sessionAnnouncement(session: TrainingSession, counts: SessionCounts, language: Language, prefix: string): Markdown {
  const lines: Markdown[] = [md`🎓 ${sessionLine(session, counts, language)}`];
  if (session.description !== null) lines.push(md`${session.description}`);
  if (session.cancelledAt !== null) {
    lines.unshift(language === "fr" ? md`**ANNULÉE**` : md`**CANCELLED**`);
    return joinMarkdown(lines, "\n");
  }
  lines.push(
    language === "fr"
      ? md`Pour vous inscrire : réagissez ✅ à ce message, ou ${code(`${prefix}formation inscrire ${session.id}`)}. Retirez votre réaction pour vous désinscrire.`
      : md`To sign up: react ✅ to this message, or ${code(`${prefix}training signup ${session.id}`)}. Remove your reaction to withdraw.`,
  );
  return joinMarkdown(lines, "\n");
}

export const dm = {
  /** The answer to a ✅ on a session's announcement: a reaction alone would tell the member nothing. */
  signedUpByReaction(session: TrainingSession, language: Language, prefix: string): Markdown {
    const when = sessionWhen(session, language);
    return language === "fr"
      ? md`C'est noté : votre ✅ vous inscrit à « ${session.title} », ${when}. Je vous le rappellerai la veille. Empêché·e ? Retirez votre réaction ou tapez ${code(`${prefix}formation annuler-inscription ${session.id}`)}.`
      : md`Done: your ✅ signed you up for "${session.title}", ${when}. I will remind you the day before. Can't come? Remove your reaction or type ${code(`${prefix}training withdraw ${session.id}`)}.`;
  },
  waitingByReaction(session: TrainingSession, position: number, language: Language, prefix: string): Markdown {
    return language === "fr"
      ? md`« ${session.title} » est complète : avec votre ✅, vous êtes n°${position} sur la liste d'attente. Je vous préviens ici si une place se libère. Pour quitter la liste : retirez votre réaction ou tapez ${code(`${prefix}formation annuler-inscription ${session.id}`)}.`
      : md`"${session.title}" is full: with your ✅, you are #${position} on the waiting list. I will tell you here if a place frees up. To leave the list: remove your reaction or type ${code(`${prefix}training withdraw ${session.id}`)}.`;
  },
  unavailableByReaction(session: TrainingSession, reason: "cancelled" | "started", language: Language): Markdown {
    if (reason === "cancelled") {
      return language === "fr"
        ? md`Votre ✅ n'a pas pu vous inscrire : la session de « ${session.title} » est annulée.`
        : md`Your ✅ could not sign you up: the "${session.title}" session is cancelled.`;
    }
    return language === "fr"
      ? md`Votre ✅ n'a pas pu vous inscrire : la session de « ${session.title} » a déjà commencé.`
      : md`Your ✅ could not sign you up: the "${session.title}" session has already started.`;
  },
  promoted(session: TrainingSession, language: Language, prefix: string): Markdown {
    const when = sessionWhen(session, language);
    if (session.confirmationHours === null) {
      return language === "fr"
        ? md`Bonne nouvelle : une place s'est libérée et vous êtes inscrit·e à « ${session.title} », ${when}. Si vous ne pouvez plus venir : ${code(`${prefix}formation annuler-inscription ${session.id}`)}.`
        : md`Good news: a place freed up and you are signed up for "${session.title}", ${when}. If you can no longer come: ${code(`${prefix}training withdraw ${session.id}`)}.`;
    }
    return language === "fr"
      ? md`Bonne nouvelle : une place s'est libérée pour « ${session.title} », ${when}. Confirmez dans les ${session.confirmationHours} heures avec ${code(`${prefix}formation confirmer ${session.id}`)}, sinon elle passera à la personne suivante.`
      : md`Good news: a place freed up for "${session.title}", ${when}. Confirm within ${session.confirmationHours} hours with ${code(`${prefix}training confirm ${session.id}`)}, or it goes to the next person.`;
  },
  offerExpired(session: TrainingSession, language: Language): Markdown {
    return language === "fr"
      ? md`Le délai pour confirmer votre place à « ${session.title} » est passé : elle a été proposée à la personne suivante. Vous pouvez vous réinscrire sur la liste d'attente.`
      : md`The time to confirm your place for "${session.title}" has passed: it went to the next person. You can join the waiting list again.`;
  },
  cancelled(session: TrainingSession, language: Language): Markdown {
    return language === "fr"
      ? md`La session de « ${session.title} » du ${sessionWhen(session, language)} est annulée. Nous sommes désolés ; l'équipe du centre vous proposera une autre date.`
      : md`The "${session.title}" session of ${sessionWhen(session, language)} is cancelled. We are sorry; the centre's staff will offer another date.`;
  },
  reminder(session: TrainingSession, language: Language, prefix: string): Markdown {
    const place = session.location === null ? "" : (language === "fr" ? ` — 📍 ${session.location}` : ` — 📍 ${session.location}`);
    return language === "fr"
      ? md`⏰ Rappel : demain, formation « ${session.title} », ${sessionWhen(session, language)}${place}. Empêché·e ? Libérez votre place pour la personne suivante : ${code(`${prefix}formation annuler-inscription ${session.id}`)}.`
      : md`⏰ Reminder: tomorrow, training "${session.title}", ${sessionWhen(session, language)}${place}. Can't come? Free your place for the next person: ${code(`${prefix}training withdraw ${session.id}`)}.`;
  },
};
