import { defineCommand, reply } from "../../src/dispatch/command.ts";
import { guideEnabledSetting, welcomeEnabledSetting, welcomeTextSetting } from "../../src/onboarding/settings.ts";
import { roomDisplayName, welcomeMessage } from "../../src/onboarding/texts.ts";
import { joinMarkdown, md, userPill } from "../../src/render/markdown.ts";

export const bienvenueDefinir = defineCommand({
  names: { fr: ["bienvenue définir"], en: ["welcome set"] },
  group: "onboarding",
  summary: { fr: "écrire le message d'accueil des nouveaux membres (Markdown)", en: "write the welcome message for newcomers (Markdown)" },
  details: { fr: "Exemple : `!bienvenue définir Ici on organise les **Jardins partagés**. Présentez-vous !` Minou ajoute devant la mention des nouveaux venus.", en: "Example: `!welcome set Here we run the **community gardens**. Introduce yourself!`" },
  args: [{ name: "text", kind: "text", label: { fr: "texte", en: "text" } }],
  permission: "moderator",
  execute({ stores, room, language }, { text }) {
    stores.roomSettings.set(room.roomId, welcomeTextSetting, text.slice(0, 4000));
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
    const preview = welcomeMessage([userPill(sender.userId)], name, stores.roomSettings.get(room.roomId, welcomeTextSetting), language, prefix);
    const state = enabled ? (language === "fr" ? md`Accueil activé. Aperçu :` : md`Welcome on. Preview:`) : language === "fr" ? md`Accueil désactivé (!bienvenue on pour le remettre). Il ressemblerait à :` : md`Welcome off (!welcome on to turn it back on). It would read:`;
    return reply(joinMarkdown([state, preview], "\n\n"));
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
