import { code, joinMarkdown, md, type Markdown } from "../render/markdown.ts";
import type { PersonalDataPart, PrivacyTextContext } from "./personal-data.ts";

/**
 * `!vie-privée`: what Minou keeps, why and how long, built from the same parts as the export
 * and the erasure, so it cannot drift from what the code stores.
 */
export function privacyText(parts: readonly PersonalDataPart[], context: PrivacyTextContext & { readonly contact?: string }): Markdown {
  const { language, prefix } = context;
  const items = parts.map((part) => md`- ${part.describe(context)}`);
  if (language === "fr") {
    return joinMarkdown(
      [
        md`**Vos données chez Minou.** Minou garde seulement ce qu'il lui faut pour vous rendre service, sur le serveur du centre : aucun service extérieur, aucune publicité, aucun pistage. Voici tout ce qu'il garde sur vous, pourquoi, et combien de temps :`,
        joinMarkdown(items, "\n"),
        md`**Vos droits.** ${code(`${prefix}mes-données`)} vous envoie tout cela dans un fichier, en message privé. ${code(`${prefix}mes-données effacer`)} l'efface, après vous avoir montré ce qui sera effacé : vos réponses, votes et inscriptions sont retirés (les annonces et tableaux sont mis à jour, vos places passent à la personne suivante) ; les événements, sondages et documents que vous avez ajoutés restent pour le salon, sans votre nom.`,
        md`Vos votes aux sondages Element sont des messages Matrix que Minou ne peut pas supprimer (vous pouvez les supprimer vous-même dans Element) : à l'effacement, il efface sa copie et ne les comptera plus, même en recomptant le sondage à sa clôture. De même, vos réactions et messages restent dans les salons, gardés par le serveur Matrix du centre selon ses propres règles, pas par Minou.${context.contact === undefined ? md`` : md` Une question : ${context.contact}.`}`,
      ],
      "\n\n",
    );
  }
  return joinMarkdown(
    [
      md`**Your data with Minou.** Minou keeps only what it needs to help you, on the centre's server: no outside service, no ads, no tracking. Here is everything it keeps about you, why, and for how long:`,
      joinMarkdown(items, "\n"),
      md`**Your rights.** ${code(`${prefix}my-data`)} sends you all of it in a file, privately. ${code(`${prefix}my-data erase`)} erases it, after showing what will go: your answers, votes and sign-ups are withdrawn (announcements and tables are updated, your places go to the next person); the events, polls and documents you added stay for the room, without your name.`,
      md`Your votes in Element polls are Matrix messages Minou cannot delete (you can delete them yourself in Element): on erasure, it deletes its copy and no longer counts them, even when it recounts the poll as it closes. Likewise, your reactions and messages stay in the rooms, kept by the centre's Matrix server under its own rules, not by Minou.${context.contact === undefined ? md`` : md` Any question: ${context.contact}.`}`,
    ],
    "\n\n",
  );
}
