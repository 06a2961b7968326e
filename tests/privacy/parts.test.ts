import { describe, expect, it } from "vitest";
import { agendaPersonalData } from "../../src/agenda/personal-data.ts";
import { documentsPersonalData } from "../../src/documents/personal-data.ts";
import { pollsPersonalData } from "../../src/polls/personal-data.ts";
import { accountPersonalData } from "../../src/privacy/account-data.ts";
import { effectText, type ErasureEffect } from "../../src/privacy/personal-data.ts";
import { staffAnnouncementsPersonalData } from "../../src/staff-announcements/personal-data.ts";
import { trainingsPersonalData } from "../../src/trainings/personal-data.ts";
import { signUp } from "../../src/trainings/seats.ts";
import { FORGOTTEN_MEMBER } from "../../storage/privacy/erased-members-store.ts";
import { addEvent, addPoll, CAMILLE, DAY, directMessages, DOMINIQUE, HOUR, NOW, ROOM, scopeOf, storesWithRoom } from "./fixtures.ts";

const texts = (effects: readonly ErasureEffect[]): string[] => effects.filter((e) => e.count > 0).map((e) => effectText(e, "fr").source);

describe("the agenda's part", () => {
  function setup() {
    const stores = storesWithRoom();
    const fete = addEvent(stores, "Fête des voisins", NOW + 2 * DAY);
    const atelier = addEvent(stores, "Atelier vélo", NOW + 3 * DAY, { createdBy: CAMILLE });
    stores.agenda.events.setAnnouncement(fete.id, "$fete");
    stores.agenda.answers.record(fete.id, CAMILLE, "yes", "$r1", NOW - HOUR);
    stores.agenda.answers.record(fete.id, CAMILLE, "maybe", "$r2", NOW - 30 * 60_000);
    stores.agenda.answers.record(fete.id, DOMINIQUE, "yes", "$r3", NOW - HOUR);
    return { stores, fete, atelier };
  }

  it("exports every answer and the events the member added, with readable times", () => {
    const { stores } = setup();
    const data = agendaPersonalData.collect(scopeOf(stores));
    expect(data["answers"]).toEqual([
      { room: { id: ROOM, name: "Les Jardins partagés" }, event: 1, title: "Fête des voisins", startsAt: "2026-11-28T10:00:00+01:00", answer: "yes", answeredAt: "2026-11-26T09:00:00+01:00", via: "reaction" },
      expect.objectContaining({ event: 1, answer: "maybe", answeredAt: "2026-11-26T09:30:00+01:00" }),
    ]);
    expect(data["eventsAdded"]).toEqual([expect.objectContaining({ event: 2, title: "Atelier vélo", status: "confirmed" })]);
  });

  it("withdraws the answers (the announcement is marked for an edit) and keeps the member's events without their name", () => {
    const { stores, fete, atelier } = setup();
    expect(texts(agendaPersonalData.preview(scopeOf(stores)))).toEqual(["1 réponse ✅ ❓ ❌ à un événement, retirée de son annonce et de ses rappels", "1 événement ajouté par vous, qui reste dans l'agenda sans votre nom"]);
    expect(stores.agenda.answers.counts(fete.id)).toEqual({ yes: 1, maybe: 1, no: 0 });
    const effects = agendaPersonalData.erase(scopeOf(stores));
    expect(texts(effects)).toHaveLength(2);
    expect(stores.agenda.answers.counts(fete.id)).toEqual({ yes: 1, maybe: 0, no: 0 });
    expect(stores.agenda.announcements.dirtySince(NOW)).toEqual([fete.id]);
    expect(stores.agenda.events.get(atelier.id)?.createdBy).toBe(FORGOTTEN_MEMBER);
    expect(agendaPersonalData.collect(scopeOf(stores))).toEqual({ answers: [], eventsAdded: [] });
    expect(texts(agendaPersonalData.erase(scopeOf(stores)))).toEqual([]);
  });

  it("purges events a year after their last date, never a repeating one still going, and never reuses a number", () => {
    const stores = storesWithRoom();
    const old = addEvent(stores, "Vieille fête", NOW - 400 * DAY);
    const weekly = addEvent(stores, "Permanence", NOW - 400 * DAY, { rrule: "FREQ=WEEKLY" });
    const ended = addEvent(stores, "Cours fini", NOW - 500 * DAY, { rrule: "FREQ=WEEKLY;COUNT=4" });
    const recent = addEvent(stores, "Fête récente", NOW - 300 * DAY);
    stores.agenda.answers.record(old.id, CAMILLE, "yes", "$old", NOW - 401 * DAY);
    agendaPersonalData.purge?.(stores, NOW, { handledEventsDays: 30, pastEventsDays: 365, closedPollsDays: 90, finishedTrainingsDays: 365 });
    expect([old, weekly, ended, recent].map((event) => stores.agenda.events.get(event.id)?.title)).toEqual([undefined, "Permanence", undefined, "Fête récente"]);
    expect(stores.agenda.answers.ofMember(CAMILLE)).toEqual([]);
    // The room's highest number (4) stays used even after its event goes.
    agendaPersonalData.purge?.(stores, NOW + 100 * DAY, { handledEventsDays: 30, pastEventsDays: 365, closedPollsDays: 90, finishedTrainingsDays: 365 });
    expect(stores.agenda.events.get(recent.id)).toBeUndefined();
    expect(addEvent(stores, "Nouvelle", NOW + DAY).number).toBe(5);
  });
});

describe("the polls' part", () => {
  function setup() {
    const stores = storesWithRoom();
    const dates = addPoll(stores, "dates", { createdBy: CAMILLE });
    const question = addPoll(stores, "question");
    stores.polls.polls.setSummaryEvent(dates.id, "$summary");
    stores.polls.votes.recordReaction(dates.id, 1, CAMILLE, "yes", "$v1", NOW - HOUR);
    stores.polls.votes.replaceVoter(dates.id, DOMINIQUE, [{ position: 1, answer: "no" }], NOW - HOUR);
    stores.polls.votes.recordResponse(question.id, { eventId: "$resp", sender: CAMILLE, sentAt: NOW - HOUR, selections: ["a2"] });
    return { stores, dates, question };
  }

  it("exports votes with their slot, Element poll responses with their answers, and the polls started", () => {
    const { stores } = setup();
    const data = pollsPersonalData.collect(scopeOf(stores));
    expect(data["votes"]).toEqual([expect.objectContaining({ poll: 1, question: "Réunion de rentrée", open: true, anonymous: false, choice: "1. mar. 1 déc., 10:00–11:00", answer: "yes", via: "reaction" })]);
    expect(data["elementPollResponses"]).toEqual([expect.objectContaining({ poll: 2, answers: ["Mardi"], matrixEvent: "$resp" })]);
    expect(data["pollsStartedOrClosed"]).toEqual([expect.objectContaining({ poll: 1, startedByYou: true, closedByYou: false })]);
  });

  it("withdraws votes and copies, marks the live table for an edit, and keeps the poll without the name", () => {
    const { stores, dates, question } = setup();
    expect(texts(pollsPersonalData.preview(scopeOf(stores)))).toEqual([expect.stringMatching(/^2 sondages où vous avez voté/), expect.stringMatching(/^1 sondage lancé ou clos par vous/)]);
    pollsPersonalData.erase(scopeOf(stores));
    expect(stores.polls.votes.votes(dates.id).map((vote) => vote.voter)).toEqual([DOMINIQUE]);
    expect(stores.polls.votes.responses(question.id)).toEqual([]);
    expect(stores.polls.polls.dirtySummaries(NOW)).toEqual([dates.id]);
    expect(stores.polls.polls.get(dates.id)?.createdBy).toBe(FORGOTTEN_MEMBER);
  });

  it("purges polls 90 days after they closed, open ones never, and keeps their numbers used", () => {
    const { stores, dates, question } = setup();
    stores.polls.polls.close(question.id, CAMILLE, NOW - 91 * DAY);
    pollsPersonalData.purge?.(stores, NOW, { handledEventsDays: 30, pastEventsDays: 365, closedPollsDays: 90, finishedTrainingsDays: 365 });
    expect(stores.polls.polls.get(question.id)).toBeUndefined();
    expect(stores.polls.votes.responsesOfMember(CAMILLE)).toEqual([]);
    expect(stores.polls.polls.get(dates.id)).toBeDefined();
    expect(addPoll(stores, "question", { startEventId: "$other" }).number).toBe(3);
  });
});

describe("the trainings' part", () => {
  function setup() {
    const stores = storesWithRoom();
    const trainingId = stores.trainings.trainings.createTraining("Initiation Nextcloud", null, "@equipe:x", NOW - 10 * DAY);
    const session = stores.trainings.trainings.addSession({ trainingId, uid: "s@test", startsAt: NOW + 7 * DAY, endsAt: NOW + 7 * DAY + 2 * HOUR, timeZone: "Europe/Paris", capacity: 1, location: null, confirmationHours: null }, NOW);
    const past = stores.trainings.trainings.addSession({ trainingId, uid: "p@test", startsAt: NOW - 7 * DAY, endsAt: NOW - 7 * DAY + 2 * HOUR, timeZone: "Europe/Paris", capacity: 5, location: null, confirmationHours: null }, NOW - 10 * DAY);
    signUp(stores, past, CAMILLE, NOW - 9 * DAY);
    signUp(stores, session, CAMILLE, NOW - 2 * HOUR);
    signUp(stores, session, DOMINIQUE, NOW - HOUR);
    stores.trainings.registrations.claimReminder(past.id, CAMILLE, NOW - 8 * DAY);
    return { stores, session, past };
  }

  it("exports every sign-up, waiting places with their position, and the reminders sent", () => {
    const { stores } = setup();
    expect(trainingsPersonalData.collect(scopeOf(stores, DOMINIQUE))["signUps"]).toEqual([expect.objectContaining({ session: 1, title: "Initiation Nextcloud", status: "waiting", waitingPosition: 1 })]);
    const camille = trainingsPersonalData.collect(scopeOf(stores));
    expect(camille["signUps"]).toHaveLength(2);
    expect(camille["remindersSent"]).toEqual([expect.objectContaining({ session: 2 })]);
  });

  it("cancels upcoming sign-ups so the next person gets the seat and a direct message, and forgets the rest", () => {
    const { stores, session } = setup();
    expect(texts(trainingsPersonalData.preview(scopeOf(stores)))).toEqual([expect.stringMatching(/^1 inscription à venir, annulée : la place passe/), "1 inscription passée ou annulée, oubliée"]);
    trainingsPersonalData.erase(scopeOf(stores));
    expect(stores.trainings.registrations.of(session.id, DOMINIQUE)?.status).toBe("registered");
    expect(directMessages(stores)).toEqual([expect.stringMatching(/^@dominique:x: Bonne nouvelle/)]);
    expect(stores.trainings.registrations.allOfUser(CAMILLE)).toEqual([]);
    expect(stores.trainings.registrations.remindersOf(CAMILLE)).toEqual([]);
  });

  it("purges sessions a year after they ended, and a training once it has none left", () => {
    const { stores, session, past } = setup();
    const retention = { handledEventsDays: 30, pastEventsDays: 365, closedPollsDays: 90, finishedTrainingsDays: 365 };
    trainingsPersonalData.purge?.(stores, NOW + 355 * DAY, retention);
    expect(stores.trainings.trainings.session(past.id)).toBeDefined();
    trainingsPersonalData.purge?.(stores, NOW + 366 * DAY, retention);
    expect(stores.trainings.trainings.session(past.id)).toBeUndefined();
    expect(stores.trainings.trainings.session(session.id)).toBeDefined();
    trainingsPersonalData.purge?.(stores, NOW + 400 * DAY, retention);
    expect(stores.trainings.trainings.trainingExists(session.trainingId)).toBe(false);
  });
});

describe("the documents' part and Minou's own bookkeeping", () => {
  it("exports the documents added and keeps them, unsigned, on erasure", () => {
    const stores = storesWithRoom();
    const document = stores.documents.documents.create({ roomId: ROOM, title: "Budget 2026", url: "https://cloud.exemple.fr/s/Ab12", tags: ["compta"], addedBy: CAMILLE }, NOW - DAY);
    expect(documentsPersonalData.collect(scopeOf(stores))["added"]).toEqual([expect.objectContaining({ document: 1, title: "Budget 2026", url: "https://cloud.exemple.fr/s/Ab12", tags: ["compta"] })]);
    expect(texts(documentsPersonalData.erase(scopeOf(stores)))).toEqual(["1 document ajouté par vous, qui reste dans la liste du salon sans votre nom"]);
    expect(stores.documents.documents.get(document.id)).toMatchObject({ title: "Budget 2026", addedBy: null });
  });

  it("records the erasure (older responses and reactions stay out) and forgets the inviter, keeping the private room", () => {
    const stores = storesWithRoom();
    stores.rooms.recordInvite("!autre:x", CAMILLE, "Atelier couture");
    stores.rooms.recordJoin("!autre:x", NOW - DAY);
    stores.directRooms.record(CAMILLE, "!dm:x", NOW - DAY);
    stores.roomMembers.record("!autre:x", CAMILLE, "join", "Camille Martin", "CamilleMartin");
    expect(accountPersonalData.collect(scopeOf(stores))).toEqual({
      member: CAMILLE,
      namesInRooms: [{ room: { id: "!autre:x", name: "Atelier couture" }, membership: "join", displayName: "Camille Martin" }],
      privateRoomWithMinou: "!dm:x", roomsYouInvitedMinouTo: [{ id: "!autre:x", name: "Atelier couture" }], previousErasure: null,
    });
    expect(texts(accountPersonalData.erase(scopeOf(stores)))).toEqual([
      "1 salon où Minou connaissait votre nom : il l'oublie (jusqu'à votre prochain changement dans ce salon)",
      "1 salon où vous avez invité Minou : l'invitation est oubliée",
    ]);
    expect(stores.roomMembers.ofUser(CAMILLE)).toEqual([]);
    const { erasedMembers } = stores.privacy;
    expect(erasedMembers.sentBeforeErasure(CAMILLE, NOW - 1)).toBe(true);
    expect(erasedMembers.sentBeforeErasure(CAMILLE, NOW + 1)).toBe(false);
    expect(erasedMembers.sentBeforeErasure(DOMINIQUE, NOW - 1)).toBe(false);
    expect(stores.rooms.get("!autre:x")?.inviter).toBeNull();
    expect(stores.directRooms.roomOf(CAMILLE)).toBe("!dm:x");
    expect(accountPersonalData.collect(scopeOf(stores))["previousErasure"]).toBe("2026-11-26T10:00:00+01:00");
  });

  it("forgets an erasure once no open poll from before it can be recounted", () => {
    const stores = storesWithRoom();
    const poll = addPoll(stores, "question", { createdAt: NOW - DAY });
    stores.privacy.erasedMembers.record(CAMILLE, NOW);
    const retention = { handledEventsDays: 30, pastEventsDays: 365, closedPollsDays: 90, finishedTrainingsDays: 365 };
    accountPersonalData.purge?.(stores, NOW + 40 * DAY, retention);
    expect(stores.privacy.erasedMembers.erasedAt(CAMILLE)).toBe(NOW);
    stores.polls.polls.close(poll.id, DOMINIQUE, NOW + 41 * DAY);
    accountPersonalData.purge?.(stores, NOW + 42 * DAY, retention);
    expect(stores.privacy.erasedMembers.erasedAt(CAMILLE)).toBeUndefined();
  });
});

describe("the staff announcements' part", () => {
  const announcement = (author: string, sendAt: number | null = null) => ({ author, staffRoomId: "!equipe:x", text: "Portes ouvertes samedi", tags: [], pin: false, mentionRoom: false, sendAt, timeZone: "Europe/Paris" });

  function setup() {
    const stores = storesWithRoom();
    const { announcements } = stores.staffAnnouncements;
    const sent = announcements.createDraft(announcement(CAMILLE), NOW - DAY);
    announcements.begin(sent.id, NOW - DAY);
    announcements.finish(sent.id, NOW - DAY);
    const cancelled = announcements.createDraft(announcement(DOMINIQUE, NOW + DAY), NOW - HOUR);
    announcements.schedule(cancelled.id, NOW - HOUR);
    announcements.cancelScheduled(cancelled.id, CAMILLE);
    const draft = announcements.createDraft(announcement(CAMILLE), NOW);
    return { stores, sent, cancelled, draft };
  }

  it("exports the announcements the staff member wrote or cancelled", () => {
    const { stores, sent, cancelled, draft } = setup();
    const data = staffAnnouncementsPersonalData.collect(scopeOf(stores));
    expect(data["announcements"]).toEqual([
      expect.objectContaining({ announcement: sent.id, status: "done", writtenByYou: true, cancelledByYou: false, createdAt: "2026-11-25T10:00:00+01:00" }),
      expect.objectContaining({ announcement: cancelled.id, status: "cancelled", writtenByYou: false, cancelledByYou: true }),
      expect.objectContaining({ announcement: draft.id, status: "draft", writtenByYou: true }),
    ]);
    expect(staffAnnouncementsPersonalData.collect(scopeOf(stores, "@personne:x"))["announcements"]).toEqual([]);
  });

  it("deletes the draft and takes the member's id off the history, which stays", () => {
    const { stores, sent, cancelled, draft } = setup();
    expect(texts(staffAnnouncementsPersonalData.preview(scopeOf(stores)))).toEqual(["3 annonces de l'équipe écrites ou annulées par vous, qui restent dans l'historique des annonces sans votre nom (un brouillon est supprimé)"]);
    expect(texts(staffAnnouncementsPersonalData.erase(scopeOf(stores)))).toHaveLength(1);
    const { announcements } = stores.staffAnnouncements;
    expect(announcements.get(draft.id)).toBeUndefined();
    expect(announcements.get(sent.id)).toMatchObject({ status: "done", author: "" });
    expect(announcements.get(cancelled.id)).toMatchObject({ status: "cancelled", author: DOMINIQUE });
    expect(staffAnnouncementsPersonalData.collect(scopeOf(stores))["announcements"]).toEqual([]);
    expect(staffAnnouncementsPersonalData.collect(scopeOf(stores, DOMINIQUE))["announcements"]).toEqual([expect.objectContaining({ announcement: cancelled.id, writtenByYou: true, cancelledByYou: false })]);
  });
});
