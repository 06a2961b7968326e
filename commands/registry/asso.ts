import { zoneLabel } from "../../src/agenda/parse-when.ts";
import { defineCommand, reply } from "../../src/dispatch/command.ts";
import type { Language } from "../../src/i18n/language.ts";
import { cutText } from "../../src/render/cut-text.ts";
import { joinMarkdown, md } from "../../src/render/markdown.ts";

/** Characters kept of an association's name and of its contact. */
export const PROFILE_LIMIT = 200;

export const asso = defineCommand({
  names: { fr: ["asso"], en: ["association"] },
  group: "general",
  summary: { fr: "la fiche de l'association de ce salon", en: "this room's association profile" },
  args: [],
  permission: "member",
  readOnly: true,
  execute({ stores, room, language, prefix }) {
    const record = stores.rooms.get(room.roomId);
    const fr = language === "fr";
    const name = record?.associationName ?? record?.name ?? (fr ? "(sans nom)" : "(no name)");
    const tags = record === undefined || record.tags.length === 0 ? "—" : record.tags.map((tag) => `#${tag}`).join(" ");
    const lines = [
      md`**${name}**`,
      md`${fr ? "Contact" : "Contact"} : ${record?.contact ?? "—"}`,
      md`${fr ? "Thèmes" : "Tags"} : ${tags}`,
      md`${fr ? "Langue" : "Language"} : ${room.language === "fr" ? "français" : "English"} · ${fr ? "Fuseau" : "Time zone"} : ${zoneLabel(room.timeZone, language)}`,
      fr
        ? md`Les modérateurs peuvent changer le nom (${prefix}asso nom …) et le contact (${prefix}asso contact …) ; l'équipe du centre, les thèmes.`
        : md`Moderators can change the name (${prefix}association name …) and the contact (${prefix}association contact …); the centre's staff, the tags.`,
    ];
    return reply(joinMarkdown(lines, "\n"));
  },
});

export const assoNom = defineCommand({
  names: { fr: ["asso nom"], en: ["association name"] },
  group: "general",
  summary: { fr: "donner le nom de l'association", en: "set the association's name" },
  args: [{ name: "name", kind: "text", label: { fr: "nom", en: "name" } }],
  permission: "moderator",
  execute({ stores, room, language }, { name }) {
    const value = cutText(name.trim(), PROFILE_LIMIT);
    stores.rooms.setAssociationName(room.roomId, value);
    return reply(language === "fr" ? md`C'est noté : l'association s'appelle « ${value} ».${shortened(value, name, language)}` : md`Noted: the association is called "${value}".${shortened(value, name, language)}`);
  },
});

export const assoContact = defineCommand({
  names: { fr: ["asso contact"], en: ["association contact"] },
  group: "general",
  summary: { fr: "donner le contact de l'association (e-mail, téléphone…)", en: "set the association's contact (email, phone…)" },
  args: [{ name: "contact", kind: "text", label: { fr: "contact", en: "contact" } }],
  permission: "moderator",
  execute({ stores, room, language }, { contact }) {
    const value = cutText(contact.trim(), PROFILE_LIMIT);
    stores.rooms.setContact(room.roomId, value);
    return reply(language === "fr" ? md`C'est noté : contact de l'association « ${value} ».${shortened(value, contact, language)}` : md`Noted: the association's contact is "${value}".${shortened(value, contact, language)}`);
  },
});

/** Says that what was typed was cut to the limit. */
function shortened(kept: string, typed: string, language: Language): string {
  if (kept === typed.trim()) return "";
  return language === "fr" ? ` (raccourci : ${PROFILE_LIMIT} caractères au plus)` : ` (shortened: at most ${PROFILE_LIMIT} characters)`;
}
