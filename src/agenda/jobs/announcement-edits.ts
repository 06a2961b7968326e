import type { Stores } from "../../../storage/index.ts";
import type { Language } from "../../i18n/language.ts";
import type { Logger } from "../../log.ts";
import { editContent } from "../../matrix/edit-content.ts";
import { noticeContent } from "../../matrix/reply-content.ts";
import { txnIdFor } from "../../matrix/txn-id.ts";
import { renderMessage } from "../../render/render-message.ts";
import type { ScheduledJob } from "../../scheduler.ts";
import { announcementKey, announcementText } from "../announcement.ts";

/**
 * Edits announcements whose answers changed, once per burst: a change waits `debounceMs` (so ten
 * quick reactions make one edit). The scheduler's tick catches whatever a restart interrupted.
 */
export class AnnouncementEditor implements ScheduledJob {
  readonly name = "agenda-announcement-edits";
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly stores: Stores,
    private readonly defaultLanguage: Language,
    private readonly debounceMs: number,
    private readonly now: () => number,
    private readonly afterQueued: () => void,
    private readonly log: Logger,
  ) {}

  /** Called when answers change: edits after the debounce delay. */
  schedule(): void {
    if (this.timer !== undefined || !this.stores.agenda.announcements.hasPending()) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      try {
        this.run(this.now());
      } catch (error) {
        this.log.error("announcement edit failed", { error });
      }
    }, this.debounceMs + 50);
  }

  stop(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  run(now: number): void {
    const { stores } = this;
    let queued = false;
    for (const id of stores.agenda.announcements.dirtySince(now - this.debounceMs)) {
      stores.transaction(() => {
        const event = stores.agenda.events.get(id);
        const announcement = stores.agenda.events.announcementOf(id);
        const revision = stores.agenda.announcements.takeEdit(id);
        if (event === undefined || announcement === undefined) return;
        const language = stores.rooms.get(event.roomId)?.language ?? this.defaultLanguage;
        const text = announcementText(event, stores.agenda.answers.counts(id), language);
        const content = { ...announcementKey(event), ...noticeContent(renderMessage(text)) };
        stores.outbox.enqueue(
          {
            txnId: txnIdFor(`agenda-announcement:${id}`, revision),
            roomId: event.roomId,
            eventType: "m.room.message",
            content: editContent(announcement, content),
            context: `announcement edit for agenda event ${event.number} (${event.title})`,
          },
          now,
        );
        queued = true;
      });
    }
    if (queued) this.afterQueued();
    // Changes still inside their debounce window get their own turn.
    this.schedule();
  }
}
