import type { Stores } from "../../storage/index.ts";
import type { Language } from "../i18n/language.ts";
import type { Logger } from "../log.ts";
import { notifyingContent } from "../matrix/reply-content.ts";
import type { MemberNames } from "../pipeline/room-state.ts";
import { userPill } from "../render/markdown.ts";
import { txnIdFor } from "../matrix/txn-id.ts";
import { renderMessage, type RenderedMessage } from "../render/render-message.ts";
import { nestsTooDeeply } from "../render/stored-markdown.ts";
import { JobItems } from "../jobs/job-items.ts";
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
  private readonly items: JobItems;

  constructor(
    private readonly stores: Stores,
    private readonly settings: { defaultLanguage: Language; prefix: string },
    private readonly names: MemberNames,
    private readonly delayMs: number,
    private readonly now: () => number,
    private readonly afterQueued: () => void,
    private readonly log: Logger,
  ) {
    this.items = new JobItems(this.name, stores, log);
  }

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
    let queued = false;
    for (const roomId of this.stores.onboarding.welcome.roomsDue(now - this.delayMs)) {
      queued = this.items.attempt(roomId, { roomId }, () => this.welcome(roomId, now)) === true || queued;
    }
    if (queued) this.afterQueued();
    // A room whose welcome keeps failing waits for the scheduler's tick, not for a timer of its own.
    if (this.stores.onboarding.welcome.roomsDue(Number.MAX_SAFE_INTEGER).some((roomId) => !this.items.isFailing(roomId))) this.schedule();
  }

  /** Queues the welcome of the room's newcomers; runs in the savepoint that takes them from the queue. */
  private welcome(roomId: string, now: number): boolean {
    const { stores, settings } = this;
    const users = stores.onboarding.welcome.takeQueue(roomId);
    const room = stores.rooms.get(roomId);
    if (users.length === 0 || room?.membership !== "join") return false;
    const language = room.language ?? settings.defaultLanguage;
    const name = roomDisplayName(room);
    const pills = users.map((userId) => userPill(userId, this.names.displayName(roomId, userId)));
    const customText = stores.roomSettings.get(roomId, welcomeTextSetting);
    const render = (text: string | null): RenderedMessage => renderMessage(welcomeMessage(pills, name, text, language, settings.prefix));
    let rendered: RenderedMessage;
    try {
      rendered = render(customText);
    } catch (error) {
      // Newcomers are welcomed all the same: with Minou's own text rather than not at all.
      if (customText === null) throw error;
      this.log.error("the room's welcome text could not be rendered: the default welcome is sent", { roomId, error });
      rendered = render(null);
    }
    if (customText !== null && nestsTooDeeply(customText)) {
      this.log.warn("the room's welcome text nests too deeply (stored before the limit): the default welcome is sent", { roomId });
    }
    stores.outbox.enqueue(
      { txnId: txnIdFor(`welcome:${roomId}:${users.join(",")}:${now}`), roomId, eventType: "m.room.message", content: notifyingContent(rendered, { users }), context: `welcome of ${users.length === 1 ? "1 member" : `${users.length} members`}` },
      now,
    );
    return true;
  }
}
