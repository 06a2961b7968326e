import { defineCommand, refuse, reply } from "../../src/dispatch/command.ts";
import { localeOf } from "../../src/i18n/language.ts";
import { guideEnabledSetting, welcomeEnabledSetting, welcomeTextSetting } from "../../src/onboarding/settings.ts";
import { roomDisplayName, welcomeMessage } from "../../src/onboarding/texts.ts";
import { graphemeCount } from "../../src/render/cut-text.ts";
import { memberPill } from "../../src/matrix/display-names.ts";
import { joinMarkdown, md } from "../../src/render/markdown.ts";
import { nestingProblem, nestsTooDeeply } from "../../src/render/stored-markdown.ts";

/** Characters of a welcome text, at most. */
export const WELCOME_TEXT_LIMIT = 4000;

export const bienvenueDefinir = defineCommand({
  names: { fr: ["bienvenue définir"], en: ["welcome set"] },
  group: "onboarding",
  summary: { fr: "écrire le message d'accueil des nouveaux membres (Markdown)", en: "write the welcome message for newcomers (Markdown)" },
  details: { fr: "Exemple : `!bienvenue définir Ici on organise les **Jardins partagés**. Présentez-vous !` Minou ajoute devant la mention des nouveaux venus.", en: "Example: `!welcome set Here we run the **community gardens**. Introduce yourself!`" },
  args: [{ name: "text", kind: "text", label: { fr: "texte", en: "text" } }],
  permission: "moderator",
  execute({ stores, room, language }, { text }) {
    const length = graphemeCount(text);
    if (length > WELCOME_TEXT_LIMIT) {
      // Refused rather than cut: the end of a welcome matters as much as its start.
      const count = (value: number): string => value.toLocaleString(localeOf(language));
      return refuse(
        language === "fr"
          ? md`Ce message d'accueil est trop long : ${count(length)} caractères, pour ${count(WELCOME_TEXT_LIMIT)} au plus. Raccourcissez-le et renvoyez-le ; le message d'accueil actuel ne change pas.`
          : md`This welcome message is too long: ${count(length)} characters, for at most ${count(WELCOME_TEXT_LIMIT)}. Shorten it and send it again; the current welcome message stays as it is.`,
      );
    }
    const tooDeep = nestingProblem(text, language);
    if (tooDeep !== undefined) {
      return refuse(language === "fr" ? md`${tooDeep} Le message d'accueil actuel ne change pas.` : md`${tooDeep} The current welcome message stays as it is.`);
    }
    stores.roomSettings.set(room.roomId, welcomeTextSetting, text);
    stores.roomSettings.set(room.roomId, welcomeEnabledSetting, true);
    return reply(language === "fr" ? md`C'est noté : les nouveaux membres seront accueillis avec ce texte. Voir : !bienvenue aperçu` : md`Noted: newcomers will be welcomed with this text. See: !welcome preview`);
  },
});

export const bienvenueApercu = defineCommand({
  names: { fr: ["bienvenue aperçu"], en: ["welcome preview"] },
  group: "onboarding",
  summary: { fr: "voir le message d'accueil tel que les nouveaux le recevront", en: "see the welcome message as newcomers will get it" },
  args: [],
  permission: "member",
  execute({ stores, room, language, prefix, sender }) {
    const enabled = stores.roomSettings.get(room.roomId, welcomeEnabledSetting);
    const record = stores.rooms.get(room.roomId);
    const name = roomDisplayName(record, language);
    const customText = stores.roomSettings.get(room.roomId, welcomeTextSetting);
    const preview = welcomeMessage([memberPill(stores, room.roomId, sender.userId)], name, customText, language, prefix);
    const state = enabled ? (language === "fr" ? md`Accueil activé. Aperçu :` : md`Welcome on. Preview:`) : language === "fr" ? md`Accueil désactivé (!bienvenue on pour le remettre). Il ressemblerait à :` : md`Welcome off (!welcome on to turn it back on). It would read:`;
    // A text stored before nesting was bounded may nest too deeply: newcomers get the default one.
    const unusable = customText !== null && nestsTooDeeply(customText);
    const note = language === "fr"
      ? md`⚠️ Le texte d'accueil du salon imbrique trop de niveaux pour être affiché : les nouveaux reçoivent le message par défaut ci-dessous. Redéfinissez-le avec ${prefix}bienvenue définir.`
      : md`⚠️ The room's welcome text nests too many levels to be shown: newcomers get the default message below. Set it again with ${prefix}welcome set.`;
    return reply(joinMarkdown(unusable ? [note, state, preview] : [state, preview], "\n\n"));
  },
});

function toggle(names: { fr: string[]; en: string[] }, on: boolean) {
  return defineCommand({
    names,
    group: "onboarding",
    summary: on ? { fr: "réactiver l'accueil des nouveaux membres", en: "turn the welcome back on" } : { fr: "ne plus accueillir les nouveaux membres", en: "stop welcoming newcomers" },
    args: [],
    permission: "moderator",
    execute({ stores, room, language }) {
      stores.roomSettings.set(room.roomId, welcomeEnabledSetting, on);
      if (language === "fr") return reply(on ? md`L'accueil des nouveaux membres est réactivé.` : md`C'est noté : je n'accueillerai plus les nouveaux membres ici.`);
      return reply(on ? md`Welcoming newcomers is back on.` : md`Noted: I will no longer welcome newcomers here.`);
    },
  });
}

export const bienvenueOff = toggle({ fr: ["bienvenue off"], en: ["welcome off"] }, false);
export const bienvenueOn = toggle({ fr: ["bienvenue on"], en: ["welcome on"] }, true);

export const bienvenueGuide = defineCommand({
  names: { fr: ["bienvenue guide"], en: ["welcome guide"] },
  group: "onboarding",
  summary: { fr: "envoyer (ou non) le guide de démarrage en message privé aux nouveaux", en: "send (or not) the getting-started guide privately to newcomers" },
  args: [{ name: "state", kind: "choice", choices: ["oui", "non", "on", "off", "yes", "no"], label: { fr: "oui ou non", en: "on or off" } }],
  permission: "moderator",
  execute({ stores, room, language }, { state }) {
    const on = state === "oui" || state === "on" || state === "yes";
    stores.roomSettings.set(room.roomId, guideEnabledSetting, on);
    if (language === "fr") return reply(on ? md`Les nouveaux recevront le guide de démarrage en message privé (une seule fois chacun).` : md`Les nouveaux ne recevront plus le guide en message privé.`);
    return reply(on ? md`Newcomers will get the getting-started guide privately (once each).` : md`Newcomers will no longer get the guide privately.`);
  },
});
