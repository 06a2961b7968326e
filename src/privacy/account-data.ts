import { md } from "../render/markdown.ts";
import { DAY_MS, effect, isoTime, roomRef, type ErasureEffect, type PersonalDataPart } from "./personal-data.ts";

function effects(invitations: number, names: number): ErasureEffect[] {
  return [
    effect(
      names,
      ["salon où Minou connaissait votre nom : il l'oublie (jusqu'à votre prochain changement dans ce salon)", "salons où Minou connaissait votre nom : il les oublie (jusqu'à votre prochain changement dans ces salons)"],
      ["room where Minou knew your name: it forgets it (until your next change in that room)", "rooms where Minou knew your name: it forgets them (until your next change in those rooms)"],
    ),
    effect(
      invitations,
      ["salon où vous avez invité Minou : l'invitation est oubliée", "salons où vous avez invité Minou : les invitations sont oubliées"],
      ["room you invited Minou to: the invitation is forgotten", "rooms you invited Minou to: the invitations are forgotten"],
    ),
  ];
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
    const days = retention.handledEventsDays;
    return language === "fr"
      ? md`**Fonctionnement** — l'adresse de votre salon privé avec Minou (pour vous écrire : place libérée, rappel, ce fichier) et les salons où vous avez invité Minou. Votre nom affiché dans chaque salon (tel que le salon le voit), pour vous appeler par votre nom. Pour ne jamais répondre deux fois, Minou garde ${days} jours l'identifiant des messages qu'il a traités, sans leur contenu, et le texte de ses propres messages seulement jusqu'à leur envoi (${days} jours s'il n'a pas pu les envoyer). Après un effacement, il garde sa date tant qu'un sondage ouvert avant peut encore être recompté, pour ne pas y recompter vos anciens votes.`
      : md`**Running** — the address of your private room with Minou (to write to you: a freed place, a reminder, this file) and the rooms where you invited Minou. Your display name in each room (as the room sees it), to call you by your name. So as never to answer twice, Minou keeps the ids of the messages it handled for ${days} days, without their content, and the text of its own messages only until they are sent (${days} days if they could not be). After an erasure, it keeps its date as long as a poll opened before it may still be recounted, so your old votes are not counted again.`;
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
