import { defineCommand, reply } from "../../src/dispatch/command.ts";
import { formatDuration } from "../../src/i18n/format-duration.ts";
import { code, joinMarkdown, md, type Markdown } from "../../src/render/markdown.ts";

export const minou = defineCommand({
  names: { fr: ["minou", "à-propos"], en: ["about"] },
  group: "general",
  summary: { fr: "qui est Minou, sa version, ce qu'il garde sur vous", en: "who Minou is, its version, what it keeps about you" },
  args: [],
  permission: "member",
  readOnly: true,
  execute({ about, now, language, settings, prefix }) {
    const uptime = formatDuration(now - about.startedAt, language);
    const lines: Markdown[] =
      language === "fr"
        ? [
            md`**Minou** ${about.version}, assistant Matrix — ${about.centreName}. En service depuis ${uptime}.`,
            md`**Vie privée.** Minou garde seulement ce qu'il lui faut pour vous rendre service : les réglages de chaque salon (nom, langue, fuseau horaire), les identifiants des messages qu'il a traités pendant ${settings.retention.handledEventsDays} jours, sans leur contenu (pour ne jamais répondre deux fois), et ce que vous lui confiez vous-même (événements, réponses, votes, documents, inscriptions), effacé après un temps fixé. Dans un sondage anonyme, le lien entre une personne et son vote est effacé à la clôture : seuls les totaux restent. Tout reste sur le serveur du centre : aucun service extérieur, aucune publicité, aucun pistage. Le détail : ${code(`${prefix}vie-privée`)} ; vos données : ${code(`${prefix}mes-données`)} (les recevoir) et ${code(`${prefix}mes-données effacer`)}.`,
            md`**Chiffrement.** Minou lit et écrit dans les salons et messages privés chiffrés comme ailleurs. Pour cela il a son propre appareil, dont les clés sont gardées, chiffrées, sur le serveur du centre : l'équipe qui administre ce serveur pourrait techniquement lire les salons où Minou se trouve, comme Minou lui-même. Il ne lit que les messages écrits après son arrivée. Pour un échange que Minou ne doit pas voir, utilisez un salon où il n'est pas.`,
            md`Minou est un logiciel libre (licence AGPL-3.0-or-later)${about.sourceCodeUrl === undefined ? md`.` : md` : son code source est sur ${about.sourceCodeUrl}.`}${about.contact === undefined ? md`` : md` Contact : ${about.contact}.`}`,
          ]
        : [
            md`**Minou** ${about.version}, Matrix assistant — ${about.centreName}. Running for ${uptime}.`,
            md`**Privacy.** Minou keeps only what it needs to help you: each room's settings (name, language, time zone), the ids of the messages it handled for ${settings.retention.handledEventsDays} days, without their content (so it never answers twice), and what you give it yourself (events, answers, votes, documents, sign-ups), deleted after a set time. In an anonymous poll, the link between a person and their vote is erased when the poll closes: only the totals remain. Everything stays on the centre's server: no outside service, no ads, no tracking. Details: ${code(`${prefix}privacy`)}; your data: ${code(`${prefix}my-data`)} (get it) and ${code(`${prefix}my-data erase`)}.`,
            md`**Encryption.** Minou reads and writes in encrypted rooms and private messages as anywhere else. To do so it has its own device, whose keys are kept, encrypted, on the centre's server: the team running that server could technically read the rooms Minou is in, just as Minou does. It only reads messages written after it arrived. For a conversation Minou must not see, use a room it is not in.`,
            md`Minou is free software (AGPL-3.0-or-later)${about.sourceCodeUrl === undefined ? md`.` : md`: its source code is at ${about.sourceCodeUrl}.`}${about.contact === undefined ? md`` : md` Contact: ${about.contact}.`}`,
          ];
    return reply(joinMarkdown(lines, "\n\n"));
  },
});
