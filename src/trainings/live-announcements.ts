import type { Stores } from "../../storage/index.ts";
import { definePurpose, idRef } from "../pipeline/purpose.ts";
import type { Language } from "../i18n/language.ts";
import { noticeContent } from "../matrix/reply-content.ts";
import type { LiveMessageSource } from "../pipeline/live-messages.ts";
import { renderMessage } from "../render/render-message.ts";
import { sessionAnnouncement } from "./texts.ts";

export const TRAINING_KEY = "fr.chatons.minou";
/** A session's announcement in a room; its reference is the session's id. */
export const TRAINING_ANNOUNCEMENT = definePurpose("training.announcement", idRef);

/** Session announcements, kept showing the places left and the waiting list. */
export function liveTrainingAnnouncements(stores: Stores, defaultLanguage: Language, prefix: string): LiveMessageSource {
  const { trainings } = stores.trainings;
  return {
    hasPending: () => trainings.hasDirtyAnnouncement(),
    due: (changedBefore) => trainings.dirtyAnnouncements(changedBefore),
    takeEdit(id) {
      const revision = trainings.takeAnnouncementEdit(id);
      const session = trainings.session(id);
      if (session === undefined || session.announcementRoomId === null || session.announcementEventId === null) return undefined;
      const language = stores.rooms.get(session.announcementRoomId)?.language ?? defaultLanguage;
      const text = sessionAnnouncement(session, trainings.counts(session), language, prefix);
      return {
        roomId: session.announcementRoomId,
        originalEventId: session.announcementEventId,
        content: { [TRAINING_KEY]: { training_session: session.id }, ...noticeContent(renderMessage(text)) },
        cause: `training-announcement:${id}`,
        revision,
        context: `announcement edit for training session ${id}`,
      };
    },
  };
}
