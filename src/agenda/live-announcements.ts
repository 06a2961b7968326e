import type { Stores } from "../../storage/index.ts";
import type { Language } from "../i18n/language.ts";
import { noticeContent } from "../matrix/reply-content.ts";
import type { LiveMessageSource } from "../pipeline/live-messages.ts";
import { renderMessage } from "../render/render-message.ts";
import { announcementKey, announcementText } from "./announcement.ts";

/** Event announcements, kept showing their current ✅ ❓ ❌ counts (or that the event is cancelled). */
export function liveAnnouncements(stores: Stores, defaultLanguage: Language): LiveMessageSource {
  const { agenda } = stores;
  return {
    hasPending: () => agenda.announcements.hasPending(),
    due: (changedBefore) => agenda.announcements.dirtySince(changedBefore),
    takeEdit(id) {
      const event = agenda.events.get(id);
      const announcement = agenda.events.announcementOf(id);
      const revision = agenda.announcements.takeEdit(id);
      if (event === undefined || announcement === undefined) return undefined;
      const language = stores.rooms.get(event.roomId)?.language ?? defaultLanguage;
      const text = announcementText(event, agenda.answers.counts(id), language);
      return {
        roomId: event.roomId,
        originalEventId: announcement,
        content: { ...announcementKey(event), ...noticeContent(renderMessage(text)) },
        cause: `agenda-announcement:${id}`,
        revision,
        context: `announcement edit for agenda event ${event.number} (${event.title})`,
      };
    },
  };
}
