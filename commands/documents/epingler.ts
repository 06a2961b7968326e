import { documentsUsage } from "../../src/documents/document-texts.ts";
import { pinAction, requestIndex } from "../../src/documents/index-message.ts";
import { defineCommand, refuse, reply, type CommandContext } from "../../src/dispatch/command.ts";
import { t } from "../../src/i18n/catalog.ts";
import { joinMarkdown, type Markdown } from "../../src/render/markdown.ts";
import { indexDefaults } from "./document-lookup.ts";

/** An index message queued this recently is taken to be on its way rather than lost. */
const ON_ITS_WAY_MS = 10 * 60_000;

/** Element's names for the usual power levels (Room settings → Roles & Permissions). */
function roleName(level: number, language: CommandContext["language"]): Markdown {
  const role = level === 100 ? "admin" : level === 50 ? "moderator" : "custom";
  return t(language, "documents.epingler.role", { role, level });
}

function howToGrant(context: CommandContext): Markdown {
  const { language, prefix } = context;
  const level = context.minouMay.pinLevel;
  const role = roleName(level, language);
  return joinMarkdown(
    [
      t(language, "documents.epingler.cannotPin", { level, role }),
      t(language, "documents.epingler.howToGrant", { role, again: documentsUsage(language, prefix, "documents.usage.pin") }),
    ],
    "\n\n",
  );
}

export const docsEpingler = defineCommand({
  texts: "documents.epingler",
  group: "documents",
  args: [],
  permission: "member",
  execute(context) {
    const { stores, room, now, language, minouMay } = context;
    if (!minouMay.pin) return refuse(howToGrant(context));
    const index = stores.documents.index.ofRoom(room.roomId);
    if (index.eventId !== null) {
      // Pinning keeps the room's other pins, and does nothing if the index is pinned already.
      return reply(t(language, "documents.epingler.pinning"), { followUps: [pinAction(index.eventId)] });
    }
    if (index.requestedAt !== null && now - index.requestedAt < ON_ITS_WAY_MS) {
      stores.documents.index.wantPin(room.roomId);
      return reply(t(language, "documents.epingler.onItsWay"));
    }
    return reply(t(language, "documents.epingler.sendingAndPinning"), {
      followUps: [requestIndex(stores, room.roomId, true, indexDefaults(context), now)],
    });
  },
});
