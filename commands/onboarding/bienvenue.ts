import { t } from "../../src/i18n/catalog.ts";
import { defineCommand, refuse, reply } from "../../src/dispatch/command.ts";
import { guideEnabledSetting, welcomeEnabledSetting, welcomeTextSetting } from "../../src/onboarding/settings.ts";
import { onboardingCommand, roomDisplayName, welcomeMessage } from "../../src/onboarding/texts.ts";
import { graphemeCount } from "../../src/render/cut-text.ts";
import { memberPill } from "../../src/matrix/display-names.ts";
import { joinMarkdown } from "../../src/render/markdown.ts";
import { nestingProblem, nestsTooDeeply } from "../../src/render/stored-markdown.ts";

/** Characters of a welcome text, at most. */
export const WELCOME_TEXT_LIMIT = 4000;

export const bienvenueDefinir = defineCommand({
  texts: "onboarding.bienvenueDefinir",
  group: "onboarding",
  args: [{ name: "text", kind: "text" }],
  permission: "moderator",
  execute({ stores, room, language, prefix }, { text }) {
    const length = graphemeCount(text);
    if (length > WELCOME_TEXT_LIMIT) {
      // Refused rather than cut: the end of a welcome matters as much as its start.
      return refuse(t(language, "onboarding.bienvenueDefinir.tooLong", { length, limit: WELCOME_TEXT_LIMIT }));
    }
    const tooDeep = nestingProblem(text, language);
    if (tooDeep !== undefined) return refuse(t(language, "onboarding.bienvenueDefinir.nestsTooDeeply", { problem: tooDeep }));
    stores.roomSettings.set(room.roomId, welcomeTextSetting, text);
    stores.roomSettings.set(room.roomId, welcomeEnabledSetting, true);
    return reply(t(language, "onboarding.bienvenueDefinir.done", { preview: onboardingCommand(language, prefix, "bienvenueApercu") }));
  },
});

export const bienvenueApercu = defineCommand({
  texts: "onboarding.bienvenueApercu",
  group: "onboarding",
  args: [],
  permission: "member",
  execute({ stores, room, language, prefix, sender }) {
    const enabled = stores.roomSettings.get(room.roomId, welcomeEnabledSetting);
    const name = roomDisplayName(stores.rooms.get(room.roomId));
    const customText = stores.roomSettings.get(room.roomId, welcomeTextSetting);
    const preview = welcomeMessage([memberPill(stores, room.roomId, sender.userId)], name, customText, language, prefix);
    const state = enabled ? t(language, "onboarding.bienvenueApercu.on") : t(language, "onboarding.bienvenueApercu.off", { on: onboardingCommand(language, prefix, "bienvenueOn") });
    // A text stored before nesting was bounded may nest too deeply: newcomers get the default one.
    const unusable = customText !== null && nestsTooDeeply(customText);
    const note = t(language, "onboarding.bienvenueApercu.unusable", { set: onboardingCommand(language, prefix, "bienvenueDefinir") });
    return reply(joinMarkdown(unusable ? [note, state, preview] : [state, preview], "\n\n"));
  },
});

function toggle(texts: "onboarding.bienvenueOn" | "onboarding.bienvenueOff", on: boolean) {
  return defineCommand({
    texts,
    group: "onboarding",
    args: [],
    permission: "moderator",
    execute({ stores, room, language }) {
      stores.roomSettings.set(room.roomId, welcomeEnabledSetting, on);
      return reply(t(language, on ? "onboarding.bienvenueOn.done" : "onboarding.bienvenueOff.done"));
    },
  });
}

export const bienvenueOff = toggle("onboarding.bienvenueOff", false);
export const bienvenueOn = toggle("onboarding.bienvenueOn", true);

export const bienvenueGuide = defineCommand({
  texts: "onboarding.bienvenueGuide",
  group: "onboarding",
  args: [{ name: "state", kind: "choice", choices: ["oui", "non", "on", "off", "yes", "no"] }],
  permission: "moderator",
  execute({ stores, room, language }, { state }) {
    const on = state === "oui" || state === "on" || state === "yes";
    stores.roomSettings.set(room.roomId, guideEnabledSetting, on);
    return reply(t(language, on ? "onboarding.bienvenueGuide.on" : "onboarding.bienvenueGuide.off"));
  },
});
