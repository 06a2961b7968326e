import type { Stores } from "../../storage/index.ts";
import type { Language } from "../i18n/language.ts";
import type { Logger } from "../log.ts";
import { notifyingContent } from "../matrix/reply-content.ts";
import type { MemberNames } from "../pipeline/room-state.ts";
import { userPill } from "../render/markdown.ts";
import { txnIdFor } from "../matrix/txn-id.ts";
import { renderMessage } from "../render/render-message.ts";
import type { ScheduledJob } from "../scheduler.ts";
import { welcomeTextSetting } from "./settings.ts";
import { roomDisplayName, welcomeMessage } from "./texts.ts";

/**
 * Welcomes newcomers `delayMs` after the first of them joined, all together: when many join at
 * once (an import, a space), the room gets one message, not a flood. It notifies each of them.
 */
export class WelcomeJob implements ScheduledJob {
  readonly name = "welcomes";
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly stores: Stores,
    private readonly settings: { defaultLanguage: Language; prefix: string },
    private readonly names: MemberNames,
    private readonly delayMs: number,
    private readonly now: () => number,
    private readonly afterQueued: () => void,
    private readonly log: Logger,
  ) {}

  /** After a join: welcome once the grouping delay has passed. */
  schedule(): void {
    if (this.timer !== undefined) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      try {
        this.run(this.now());
      } catch (error) {
        this.log.error("welcome failed", { error });
      }
    }, this.delayMs + 50);
  }

  stop(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  run(now: number): void {
    const { stores, settings } = this;
    let queued = false;
    for (const roomId of stores.onboarding.welcome.roomsDue(now - this.delayMs)) {
      stores.transaction(() => {
        const users = stores.onboarding.welcome.takeQueue(roomId);
        const room = stores.rooms.get(roomId);
        if (users.length === 0 || room?.membership !== "join") return;
        const language = room.language ?? settings.defaultLanguage;
        const name = roomDisplayName(room, language);
        const pills = users.map((userId) => userPill(userId, this.names.displayName(roomId, userId)));
        const text = welcomeMessage(pills, name, stores.roomSettings.get(roomId, welcomeTextSetting), language, settings.prefix);
        stores.outbox.enqueue(
          { txnId: txnIdFor(`welcome:${roomId}:${users.join(",")}:${now}`), roomId, eventType: "m.room.message", content: notifyingContent(renderMessage(text), { users }), context: `welcome of ${users.length} member(s)` },
          now,
        );
        queued = true;
      });
    }
    if (queued) this.afterQueued();
    if (stores.onboarding.welcome.roomsDue(Number.MAX_SAFE_INTEGER).length > 0) this.schedule();
  }
}
