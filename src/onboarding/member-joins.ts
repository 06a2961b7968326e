import type { Stores } from "../../storage/index.ts";
import type { InboundEvent } from "../../storage/inbound-events-store.ts";
import type { CentreService } from "../dispatch/command.ts";
import type { Language } from "../i18n/language.ts";
import type { Effect, InboundHandler } from "../pipeline/inbound-processor.ts";
import { sendDirect } from "../pipeline/direct-message.ts";
import { guideEnabledSetting, welcomeEnabledSetting } from "./settings.ts";
import { guideMessage, roomDisplayName } from "./texts.ts";

export interface OnboardingSettings {
  readonly botUserId: string;
  readonly defaultLanguage: Language;
  readonly prefix: string;
  readonly services: readonly CentreService[];
}

/**
 * A member joining a room: queued for the room's (grouped) welcome, and sent the getting-started
 * guide privately, once ever. Display-name changes also arrive as "join" events: only a change
 * from another membership counts as joining.
 */
export class MemberJoins implements InboundHandler {
  readonly eventTypes = ["m.room.member"] as const;
  readonly readsState = true;

  constructor(
    private readonly stores: Stores,
    private readonly settings: OnboardingSettings,
    private readonly joined: () => void,
  ) {}

  async prepare(item: InboundEvent): Promise<Effect | undefined> {
    const { event, roomId } = item;
    const userId = event.state_key;
    if (userId === undefined || userId === this.settings.botUserId || event.content["membership"] !== "join") return undefined;
    const previous = (event.unsigned?.["prev_content"] as { membership?: unknown } | undefined)?.membership;
    if (previous === "join") return undefined;
    // A member accepting the DM Minou opened with them is not joining an association room.
    if (this.stores.directRooms.isDirectRoom(roomId)) return undefined;
    return () => {
      const { stores, settings } = this;
      if (stores.roomSettings.get(roomId, welcomeEnabledSetting)) stores.onboarding.welcome.queueWelcome(roomId, userId, event.origin_server_ts);
      if (stores.roomSettings.get(roomId, guideEnabledSetting) && stores.onboarding.welcome.claimGuide(userId, event.origin_server_ts)) {
        const room = stores.rooms.get(roomId);
        const language = room?.language ?? settings.defaultLanguage;
        const name = roomDisplayName(room);
        sendDirect(stores, userId, guideMessage(name, settings.services, language, settings.prefix), `guide:${userId}`, event.origin_server_ts);
      }
      this.joined();
      return "member-joined";
    };
  }
}
