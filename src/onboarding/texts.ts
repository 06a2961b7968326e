import type { CentreService } from "../dispatch/command.ts";
import type { Language } from "../i18n/language.ts";
import type { RoomRecord } from "../../storage/rooms-store.ts";
import { code, joinMarkdown, link, md, trusted, type Markdown } from "../render/markdown.ts";
import { nestsTooDeeply } from "../render/stored-markdown.ts";

/** How welcome texts and the guide name the room: the association's name, else the room's. */
export function roomDisplayName(room: Pick<RoomRecord, "associationName" | "name"> | undefined, language: Language): string {
  return room?.associationName ?? room?.name ?? (language === "fr" ? "l'association" : "the association");
}

/**
 * "Bienvenue @a et @b !" (the newcomers' pills) then the room's text, or Minou's default one:
 * also in place of a text stored before nesting was bounded that nests too deeply to show.
 */
export function welcomeMessage(newcomers: readonly Markdown[], roomName: string, customText: string | null, language: Language, prefix: string): Markdown {
  const fr = language === "fr";
  const pills = joinMarkdown(newcomers, ", ");
  const greeting = fr ? md`👋 Bienvenue ${pills} !` : md`👋 Welcome ${pills}!`;
  if (customText !== null && !nestsTooDeeply(customText)) return joinMarkdown([greeting, trusted(customText)], "\n\n");
  const body = fr
    ? md`Vous êtes dans le salon de ${roomName}. Je suis Minou, l'assistant du centre social : tapez ${code(`${prefix}aide`)} pour voir ce que je sais faire. L'agenda de l'association : ${code(`${prefix}agenda`)} · ses documents : ${code(`${prefix}docs`)} · les formations du centre : ${code(`${prefix}formations`)} · les questions fréquentes : ${code(`${prefix}faq`)}.`
    : md`You are in ${roomName}'s room. I am Minou, the community centre's assistant: type ${code(`${prefix}help`)} to see what I can do. The association's agenda: ${code(`${prefix}calendar`)} · its documents: ${code(`${prefix}docs`)} · the centre's trainings: ${code(`${prefix}trainings`)} · frequent questions: ${code(`${prefix}faq`)}.`;
  return joinMarkdown([greeting, body], "\n\n");
}

/** The getting-started guide for Element, sent privately once to each newcomer. */
export function guideMessage(roomName: string, services: readonly CentreService[], language: Language, prefix: string): Markdown {
  const fr = language === "fr";
  const serviceLines = services.map((service) => md`- ${link(service.name, service.url)} — ${service.description}`);
  const sections: Markdown[] = fr
    ? [
        md`**Bienvenue sur la messagerie du centre social !** Voici quelques repères pour bien démarrer dans Element (vous venez de rejoindre ${roomName}).`,
        md`**1. Votre profil.** Cliquez sur votre avatar en haut à gauche, puis « Tous les paramètres » : choisissez un nom d'affichage (votre prénom, par exemple) et une photo, pour que les autres membres vous reconnaissent.`,
        md`**2. Les notifications.** Dans les paramètres d'un salon (clic droit sur son nom), choisissez « Tous les messages », « Mentions seulement » ou « Muet ». Vous êtes toujours prévenu·e quand quelqu'un écrit votre nom.`,
        md`**3. Répondre et discuter.** Survolez un message : « Répondre » cite le message, « Répondre dans un fil » ouvre une discussion à part qui n'encombre pas le salon.`,
        md`**4. Réagir.** Le petit visage sourire à côté d'un message ajoute une réaction. Dans les salons, je compte les ✅ ❓ ❌ sous les événements et les sondages.`,
        md`**5. L'agenda, dans votre calendrier.** Dans le salon, ${code(`${prefix}agenda lien`)} donne une adresse à ajouter dans l'application d'agenda de votre téléphone ou de votre ordinateur.`,
        md`**6. Les documents.** ${code(`${prefix}docs`)} liste les pads, dossiers et fichiers de l'association.`,
        ...(serviceLines.length === 0 ? [] : [joinMarkdown([md`**7. Les services du centre** (libres, hébergés chez nous) :`, ...serviceLines], "\n")]),
        md`À tout moment : ${code(`${prefix}aide`)}, ou ${code(`${prefix}premiers-pas`)} pour revoir ce message.`,
      ]
    : [
        md`**Welcome to the community centre's chat!** A few tips to get started in Element (you just joined ${roomName}).`,
        md`**1. Your profile.** Click your avatar at the top left, then "All settings": choose a display name and a picture so others recognise you.`,
        md`**2. Notifications.** In a room's settings (right-click its name), choose "All messages", "Mentions only" or "Mute". You are always notified when someone writes your name.`,
        md`**3. Replies and threads.** Hover a message: "Reply" quotes it, "Reply in thread" opens a side discussion that keeps the room tidy.`,
        md`**4. Reactions.** The smiley next to a message adds a reaction. In rooms, I count ✅ ❓ ❌ under events and polls.`,
        md`**5. The agenda in your calendar.** In the room, ${code(`${prefix}calendar link`)} gives an address to add to your phone's or computer's calendar app.`,
        md`**6. Documents.** ${code(`${prefix}docs`)} lists the association's pads, folders and files.`,
        ...(serviceLines.length === 0 ? [] : [joinMarkdown([md`**7. The centre's services** (free, hosted by us):`, ...serviceLines], "\n")]),
        md`Any time: ${code(`${prefix}help`)}, or ${code(`${prefix}getting-started`)} to see this message again.`,
      ];
  return joinMarkdown(sections, "\n\n");
}
