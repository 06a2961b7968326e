import { t } from "../i18n/catalog.ts";
import { DAY_MS, effect, isoTime, roomRef, type ErasureEffect, type PersonalDataPart } from "./personal-data.ts";

function effects(invitations: number, names: number): ErasureEffect[] {
  return [effect(names, "privacy.account.namesForgotten"), effect(invitations, "privacy.account.invitationsForgotten")];
}

/**
 * Minou's own bookkeeping about a member: their private room, invitations, a past erasure, and
 * their name in each room (from their member event, public to the room, to call them by it). The
 * private room is kept through an erasure: it is how Minou tells it apart from association rooms
 * and still reaches the member (a place freed for them later, a reminder).
 */
export const accountPersonalData: PersonalDataPart = {
  key: "account",
  describe({ language, retention }) {
    return t(language, "privacy.account.describe", { days: retention.handledEventsDays });
  },
  collect({ stores, userId, timeZone }) {
    const erasedAt = stores.privacy.erasedMembers.erasedAt(userId);
    return {
      member: userId,
      namesInRooms: stores.roomMembers.ofUser(userId).map((member) => ({ room: roomRef(stores, member.roomId), membership: member.membership, displayName: member.displayName })),
      privateRoomWithMinou: stores.directRooms.roomOf(userId) ?? null,
      roomsYouInvitedMinouTo: stores.privacy.memberTraces.roomsInvitedBy(userId).map((room) => roomRef(stores, room.roomId)),
      previousErasure: erasedAt === undefined ? null : isoTime(erasedAt, timeZone),
    };
  },
  preview({ stores, userId }) {
    // A pending invitation keeps its inviter until answered (see MemberTracesStore.forget).
    const invitations = stores.privacy.memberTraces.roomsInvitedBy(userId).filter((room) => stores.rooms.get(room.roomId)?.membership !== "invite").length;
    return effects(invitations, stores.roomMembers.ofUser(userId).length);
  },
  erase({ stores, userId, now }) {
    // Recorded first: from now on, a recount or a late sync ignores what the member sent before.
    stores.privacy.erasedMembers.record(userId, now);
    const names = stores.roomMembers.forgetUser(userId);
    return effects(stores.privacy.memberTraces.forget(userId).invitations, names);
  },
  purge(stores, now, retention) {
    stores.privacy.erasedMembers.purge(now - retention.handledEventsDays * DAY_MS);
  },
};
