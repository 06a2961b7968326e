import { defineCommand, refuse, reply } from "../../src/dispatch/command.ts";
import { t } from "../../src/i18n/catalog.ts";
import { normalizeTag } from "../../storage/rooms-store.ts";
import { registryUsage } from "./asso.ts";

export const assoTags = defineCommand({
  texts: "registry.assoTags",
  group: "staff",
  args: [{ name: "tags", kind: "text" }],
  permission: "staff",
  execute({ stores, room, language, prefix }, { tags }) {
    const words = tags.split(/[\s,]+/u).map(normalizeTag).filter((tag) => tag !== "");
    // Machine words, in either language: the room's language does not matter here.
    const none = words.length === 1 && ["aucun", "none", "-"].includes(words[0] ?? "");
    if (!none && words.some((tag) => !/^[\p{L}\p{N}_-]{1,40}$/u.test(tag))) {
      return refuse(t(language, "registry.assoTags.badTag", { example: registryUsage(language, prefix, "registry.usage.tagsExample") }));
    }
    stores.rooms.setTags(room.roomId, none ? [] : words);
    if (none) return reply(t(language, "registry.assoTags.cleared"));
    return reply(t(language, "registry.assoTags.done", { tags: words.map((tag) => `#${tag}`).join(" ") }));
  },
});
