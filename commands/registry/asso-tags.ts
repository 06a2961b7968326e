import { defineCommand, refuse, reply } from "../../src/dispatch/command.ts";
import { md } from "../../src/render/markdown.ts";
import { normalizeTag } from "../../storage/rooms-store.ts";

export const assoTags = defineCommand({
  names: { fr: ["asso tags"], en: ["association tags"] },
  group: "staff",
  summary: { fr: "classer l'association par thèmes, pour les annonces ciblées (équipe du centre)", en: "tag the association, for targeted announcements (centre staff)" },
  details: { fr: "Exemple : `!asso tags culture jeunesse`. `!asso tags aucun` retire les thèmes.", en: "Example: `!association tags culture youth`. `!association tags none` removes them." },
  args: [{ name: "tags", kind: "text", label: { fr: "thèmes", en: "tags" } }],
  permission: "staff",
  execute({ stores, room, language }, { tags }) {
    const words = tags.split(/[\s,]+/u).map(normalizeTag).filter((tag) => tag !== "");
    const none = words.length === 1 && ["aucun", "none", "-"].includes(words[0] ?? "");
    if (!none && words.some((tag) => !/^[\p{L}\p{N}_-]{1,40}$/u.test(tag))) {
      return refuse(language === "fr" ? md`Un thème est un mot (lettres, chiffres, - ou _), par exemple culture ou jeunesse.` : md`A tag is one word (letters, digits, - or _), such as culture or youth.`);
    }
    stores.rooms.setTags(room.roomId, none ? [] : words);
    const shown = none ? "—" : words.map((tag) => `#${tag}`).join(" ");
    return reply(language === "fr" ? md`Thèmes de l'association : ${shown}` : md`Association tags: ${shown}`);
  },
});
