import { pinAction, requestIndex } from "../../src/documents/index-message.ts";
import { defineCommand, refuse, reply, type CommandContext } from "../../src/dispatch/command.ts";
import { code, md, type Markdown } from "../../src/render/markdown.ts";
import { indexDefaults } from "./document-lookup.ts";

/** An index message queued this recently is taken to be on its way rather than lost. */
const ON_ITS_WAY_MS = 10 * 60_000;

/** Element's names for the usual power levels (Room settings → Roles & Permissions). */
function roleName(level: number, language: "fr" | "en"): string {
  if (level === 100) return language === "fr" ? "Administrateur" : "Admin";
  if (level === 50) return language === "fr" ? "Modérateur" : "Moderator";
  return language === "fr" ? `Personnalisé (${level})` : `Custom (${level})`;
}

function howToGrant(context: CommandContext): Markdown {
  const level = context.minouMay.pinLevel;
  const again = code(context.language === "fr" ? `${context.prefix}docs épingler` : `${context.prefix}docs pin`);
  return context.language === "fr"
    ? md`Je ne peux pas épingler de message dans ce salon : il faut le niveau de pouvoir ${level} (${roleName(level, "fr")}), et je ne l'ai pas.

Un administrateur du salon peut me le donner dans Element : **Paramètres du salon → Rôles et permissions → Ajouter des utilisateurs privilégiés**, choisir Minou, le niveau ${roleName(level, "fr")}, puis **Appliquer**. Tapez ensuite ${again} à nouveau.`
    : md`I cannot pin messages in this room: that takes power level ${level} (${roleName(level, "en")}), which I do not have.

A room admin can grant it in Element: **Room settings → Roles & Permissions → Add privileged users**, pick Minou, the ${roleName(level, "en")} level, then **Apply**. Then type ${again} again.`;
}

export const docsEpingler = defineCommand({
  names: { fr: ["docs épingler"], en: ["docs pin"] },
  group: "documents",
  summary: { fr: "épingler la liste des documents dans le salon (ou expliquer comment me le permettre)", en: "pin the list of documents in the room (or explain how to let me)" },
  args: [],
  permission: "member",
  execute(context) {
    const { stores, room, now, language, minouMay } = context;
    if (!minouMay.pin) return refuse(howToGrant(context));
    const index = stores.documents.index.ofRoom(room.roomId);
    const fr = language === "fr";
    if (index.eventId !== null) {
      // Pinning keeps the room's other pins, and does nothing if the index is pinned already.
      return reply(fr ? md`J'épingle la liste des documents du salon.` : md`Pinning the room's list of documents.`, { followUps: [pinAction(index.eventId)] });
    }
    if (index.requestedAt !== null && now - index.requestedAt < ON_ITS_WAY_MS) {
      stores.documents.index.wantPin(room.roomId);
      return reply(fr ? md`La liste des documents est en route : je l'épingle dès qu'elle est envoyée.` : md`The list of documents is on its way: I will pin it as soon as it is sent.`);
    }
    return reply(fr ? md`Voici la liste des documents du salon ; je l'épingle.` : md`Here is the room's list of documents; I am pinning it.`, {
      followUps: [requestIndex(stores, room.roomId, true, indexDefaults(context), now)],
    });
  },
});
