import type { RoomSetting } from "../../storage/room-settings-store.ts";

/** The room's own welcome text (Markdown, set by its moderators); null: Minou's default text. */
export const welcomeTextSetting: RoomSetting<string | null> = {
  key: "onboarding.welcomeText",
  defaultValue: null,
  parse: (raw) => (typeof raw === "string" || raw === null ? raw : undefined),
};

export const welcomeEnabledSetting: RoomSetting<boolean> = {
  key: "onboarding.welcome",
  defaultValue: true,
  parse: (raw) => (typeof raw === "boolean" ? raw : undefined),
};

/** The getting-started guide by direct message to newcomers; on by default in the centre's rooms. */
export const guideEnabledSetting: RoomSetting<boolean> = {
  key: "onboarding.guide",
  defaultValue: true,
  parse: (raw) => (typeof raw === "boolean" ? raw : undefined),
};
