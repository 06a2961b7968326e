import type { AgendaEvent } from "../agenda/model.ts";
import { plainText } from "../i18n/catalog.ts";
import type { Language } from "../i18n/language.ts";
import type { SessionCounts, TrainingSession } from "./model.ts";
import { placesText, trainingCommandName } from "./texts.ts";

/** Whether an agenda event stands for a training session (sessionAsAgendaEvent), which the centre organises. */
export function isTrainingSession(event: AgendaEvent): boolean {
  return event.id < 0;
}

/** A training session as an event of the centre's public agenda (feed and page), places left included. */
export function sessionAsAgendaEvent(session: TrainingSession, counts: SessionCounts, language: Language): AgendaEvent {
  const places = placesText(session, counts, language);
  const signUp = plainText(language, "trainings.agenda.signUp", { signup: `!${trainingCommandName(language, "inscrire")} ${session.id}` });
  return {
    // Negative ids keep sessions apart from agenda events in any cache keyed by id.
    id: -session.id,
    roomId: session.announcementRoomId ?? "",
    number: session.id,
    uid: session.uid,
    title: plainText(language, "trainings.agenda.title", { title: session.title }),
    location: session.location,
    description: [session.description, places, signUp].filter((part) => part !== null && part !== "").join("\n"),
    startsAt: session.startsAt,
    endsAt: session.endsAt,
    allDay: false,
    timeZone: session.timeZone,
    rrule: null,
    exceptions: [],
    status: session.cancelledAt === null ? "confirmed" : "cancelled",
    isPublic: true,
    sequence: session.sequence,
    createdBy: session.createdBy,
    createdAt: session.createdAt,
    updatedAt: session.updatedAt,
  };
}
