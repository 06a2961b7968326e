import { defineCommand, refuse, reply } from "../../src/dispatch/command.ts";
import { excerpt } from "../../src/render/cut-text.ts";
import { code, md } from "../../src/render/markdown.ts";
import { nestingProblem } from "../../src/render/stored-markdown.ts";
import { parseRequest } from "../../src/staff-announcements/parse-request.ts";
import { announcementTargets, unknownTags } from "../../src/staff-announcements/targets.ts";
import { previewText, requestProblemText } from "../../src/staff-announcements/texts.ts";
import { outsideStaffRoom } from "./staff-room.ts";

export const annonce = defineCommand({
  names: { fr: ["annonce"], en: ["announce"] },
  group: "staff",
  summary: {
    fr: "préparer une annonce pour les salons des associations : aperçu d'abord, envoi à la confirmation (équipe du centre, salon de l'équipe)",
    en: "prepare an announcement for the associations' rooms: preview first, sent on confirmation (centre staff, staff room)",
  },
  details: {
    fr: "Le message est en Markdown. Avant lui, dans n'importe quel ordre : des étiquettes (`#culture #jeunesse` : les salons qui ont au moins l'une d'elles ; sans étiquette, tous les salons), `épingler` (épinglée là où Minou peut épingler), `@room` (notifie tous les membres), `programmer <quand>` (envoi différé). `--` sépare les options d'un message qui commencerait comme elles. Exemple : `!annonce #culture épingler programmer vendredi 18h -- Le **forum des associations** ouvre samedi à 10h !` puis `!annonce confirmer`.",
    en: "The message is Markdown. Before it, in any order: tags (`#culture #youth`: rooms with at least one of them; no tag, every room), `pin` (pinned where Minou may pin), `@room` (notifies every member), `schedule <when>` (sent later). `--` separates the options from a message that would start like one. Example: `!announce #culture pin schedule Friday 6pm -- The **associations fair** opens on Saturday at 10am!` then `!announce confirm`.",
  },
  args: [{ name: "text", kind: "text", label: { fr: "[#étiquettes] [options] message", en: "[#tags] [options] message" } }],
  permission: "staff",
  execute(context, { text }) {
    const outside = outsideStaffRoom(context);
    if (outside !== undefined) return outside;
    const { stores, now, room, language, sender, prefix } = context;
    const fr = language === "fr";
    const parsed = parseRequest(text, { now, timeZone: room.timeZone, language });
    if (!parsed.ok) return refuse(requestProblemText(parsed.problem, language, room.timeZone, prefix));
    const { request } = parsed;
    const tooDeep = nestingProblem(request.text, language);
    if (tooDeep !== undefined) return refuse(fr ? md`${tooDeep} Rien n'a été préparé.` : md`${tooDeep} Nothing was prepared.`);

    const unknown = unknownTags(stores, request.tags);
    if (unknown.length > 0) {
      const known = stores.rooms.knownTags().map((tag) => `#${tag}`).join(", ");
      const shown = excerpt(unknown.map((tag) => `#${tag}`).join(", "));
      const howTo = code(fr ? `${prefix}asso tags culture` : `${prefix}association tags culture`);
      return refuse(fr
        ? md`Aucun salon ne porte l'étiquette ${shown}. ${known === "" ? md`Aucune étiquette n'est encore donnée : un membre de l'équipe les donne dans chaque salon avec ${howTo}.` : md`Étiquettes connues : ${known}.`} Rien n'a été préparé.`
        : md`No room has the tag ${shown}. ${known === "" ? md`No tag has been given yet: staff give them in each room with ${howTo}.` : md`Known tags: ${known}.`} Nothing was prepared.`);
    }
    const targets = announcementTargets(stores, room.roomId, request.tags);
    if (targets.rooms.length === 0) {
      return refuse(fr
        ? md`Cette annonce n'irait dans aucun salon : je ne suis dans aucun salon d'association${request.tags.length === 0 ? "" : " qui porte ces étiquettes"}. Rien n'a été préparé.`
        : md`This announcement would reach no room: I am in no association room${request.tags.length === 0 ? "" : " with these tags"}. Nothing was prepared.`);
    }
    const { announcements, deliveries } = stores.staffAnnouncements;
    // A new preview replaces this staff member's previous one; the others' are left alone.
    const draft = announcements.createDraft({ author: sender.userId, staffRoomId: room.roomId, ...request, timeZone: room.timeZone }, now);
    deliveries.address(draft.id, targets.rooms);
    return reply(previewText(request.text, { ...request, timeZone: room.timeZone }, targets, language, prefix));
  },
});
