import { zoneLabel } from "../../src/agenda/parse-when.ts";
import { defineCommand, reply } from "../../src/dispatch/command.ts";
import { plainText, t } from "../../src/i18n/catalog.ts";
import type { Language } from "../../src/i18n/language.ts";
import { cutText } from "../../src/render/cut-text.ts";
import { code, joinMarkdown, md, type Markdown } from "../../src/render/markdown.ts";

/** Characters kept of an association's name and of its contact. */
export const PROFILE_LIMIT = 200;

/** A command line of the registry, as code: `!asso nom <nom>`. */
export function registryUsage(language: Language, prefix: string, key: "registry.usage.name" | "registry.usage.contact" | "registry.usage.tags" | "registry.usage.tagsExample"): Markdown {
  return code(prefix + plainText(language, key));
}

export const asso = defineCommand({
  texts: "registry.asso",
  group: "general",
  args: [],
  permission: "member",
  readOnly: true,
  execute({ stores, room, language, prefix }) {
    const record = stores.rooms.get(room.roomId);
    const name = record?.associationName ?? record?.name ?? t(language, "registry.asso.noName");
    const tags = record === undefined || record.tags.length === 0 ? "—" : record.tags.map((tag) => `#${tag}`).join(" ");
    const lines = [
      md`**${name}**`,
      t(language, "registry.asso.contact", { contact: record?.contact ?? "—" }),
      t(language, "registry.asso.tags", { tags }),
      t(language, "registry.asso.languageAndZone", { language: room.language, zone: zoneLabel(room.timeZone, language) }),
      t(language, "registry.asso.howToChange", {
        name: registryUsage(language, prefix, "registry.usage.name"),
        contact: registryUsage(language, prefix, "registry.usage.contact"),
        tags: registryUsage(language, prefix, "registry.usage.tags"),
      }),
    ];
    return reply(joinMarkdown(lines, "\n"));
  },
});

export const assoNom = defineCommand({
  texts: "registry.assoNom",
  group: "general",
  args: [{ name: "name", kind: "text" }],
  permission: "moderator",
  execute({ stores, room, language }, { name }) {
    const value = cutText(name.trim(), PROFILE_LIMIT);
    stores.rooms.setAssociationName(room.roomId, value);
    return reply(
      wasShortened(value, name)
        ? t(language, "registry.assoNom.doneShortened", { name: value, max: PROFILE_LIMIT })
        : t(language, "registry.assoNom.done", { name: value }),
    );
  },
});

export const assoContact = defineCommand({
  texts: "registry.assoContact",
  group: "general",
  args: [{ name: "contact", kind: "text" }],
  permission: "moderator",
  execute({ stores, room, language }, { contact }) {
    const value = cutText(contact.trim(), PROFILE_LIMIT);
    stores.rooms.setContact(room.roomId, value);
    return reply(
      wasShortened(value, contact)
        ? t(language, "registry.assoContact.doneShortened", { contact: value, max: PROFILE_LIMIT })
        : t(language, "registry.assoContact.done", { contact: value }),
    );
  },
});

/** Whether what was typed was cut to the limit. */
function wasShortened(kept: string, typed: string): boolean {
  return kept !== typed.trim();
}
