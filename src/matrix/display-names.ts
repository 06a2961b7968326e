import unhomoglyph from "unhomoglyph";
import type { RoomMembersStore } from "../../storage/room-members-store.ts";
import { excerpt } from "../render/cut-text.ts";
import { userPill, type Markdown } from "../render/markdown.ts";

/**
 * Members' names as Element shows them in a room, following matrix-js-sdk 37.5.0
 * (src/models/room-member.ts, `shouldDisambiguate` and `calculateDisplayName`, with
 * `removeHiddenChars` and `removeDirectionOverrideChars` from src/utils.ts):
 * - no display name, an empty one, one made only of hidden characters, or one equal to the
 *   Matrix ID: the Matrix ID;
 * - "Name (@id)" when the name contains something like a Matrix ID (`@.+:.+`, impersonation), or
 *   left-to-right/right-to-left marks, or when another joined or invited member of the room has
 *   the same name once hidden characters are removed;
 * - else the name; direction overrides (U+202D, U+202E) are always removed.
 * Names compare as matrix-js-sdk compares them, look-alike letters folded by the same
 * `unhomoglyph` table: "Ѕam" (Cyrillic Ѕ) and "Sam" are the same name, so both are disambiguated.
 */
export interface MemberNames {
  /** How the member is named in the room; undefined (or the Matrix ID) when nothing better is known. */
  displayName(roomId: string, userId: string): string | undefined;
}

const MXID_PATTERN = /@.+:.+/u;
const LTR_RTL_PATTERN = /[\u200E\u200F\u202A-\u202F]/u;
// Combining marks (U+0300–U+036F) are listed one by one on purpose: NFD splits them off to be removed.
// eslint-disable-next-line no-misleading-character-class
const HIDDEN_CHARACTERS = /[\u2000-\u200F\u202A-\u202F\u0300-\u036F\uFEFF\u061C\u2800\u2062-\u2063\s]/gu;

/** A name's longest shown form, in characters: Synapse accepts 256, a list line does not need them. */
export const MAX_NAME_LENGTH = 48;

/** matrix-js-sdk `removeHiddenChars`, look-alike letters folded: how names compare. */
export function displayNameKey(displayName: string): string {
  return unhomoglyph(displayName.normalize("NFD").replace(HIDDEN_CHARACTERS, ""));
}

function removeDirectionOverrideChars(text: string): string {
  return text.replace(/[\u202D\u202E]/gu, "");
}

/** matrix-js-sdk `shouldDisambiguate`; `takenByOther` says whether another member has that key. */
export function shouldDisambiguate(userId: string, displayName: string | null | undefined, takenByOther: (nameKey: string) => boolean): boolean {
  if (displayName === null || displayName === undefined || displayName === "" || displayName === userId) return false;
  const key = displayNameKey(displayName);
  if (key === "") return false;
  if (MXID_PATTERN.test(key)) return true;
  if (LTR_RTL_PATTERN.test(displayName)) return true;
  return takenByOther(key);
}

/**
 * matrix-js-sdk `calculateDisplayName`, the name cut to MAX_NAME_LENGTH characters on one line
 * (the Matrix ID, which tells members apart, is never cut).
 */
export function calculateDisplayName(userId: string, displayName: string | null | undefined, disambiguate: boolean): string {
  if (displayName === null || displayName === undefined || displayName === "" || displayName === userId) return userId;
  const shown = excerpt(removeDirectionOverrideChars(displayName), MAX_NAME_LENGTH);
  if (disambiguate) return `${shown} (${userId})`;
  if (displayNameKey(displayName) === "") return userId;
  return shown;
}

/** The display name a member event's content carries, if it is a string. */
export function memberEventName(content: Record<string, unknown>): string | null {
  const name = content["displayname"];
  return typeof name === "string" ? name : null;
}

/** Names from the members Minou keeps (sync and, for older rooms, the joined-members list). */
export class RoomMemberNames implements MemberNames {
  constructor(private readonly members: RoomMembersStore) {}

  displayName(roomId: string, userId: string): string {
    const member = this.members.get(roomId, userId);
    const name = member?.displayName ?? null;
    const disambiguate = shouldDisambiguate(userId, name, (key) => this.members.nameTakenByOther(roomId, key, userId));
    return calculateDisplayName(userId, name, disambiguate);
  }
}

/**
 * The name of `userId` for texts built from the stores (commands, exports): as in the first of
 * `rooms` they are in (the record's room, then the room the text is shown in); for a centre-wide
 * record (a training) shown where they are not, as in a room Minou shares with them.
 */
export function memberName(stores: { readonly roomMembers: RoomMembersStore }, rooms: string | readonly (string | null)[], userId: string): string {
  const names = new RoomMemberNames(stores.roomMembers);
  const candidates = typeof rooms === "string" ? [rooms] : rooms;
  for (const roomId of candidates) {
    const membership = roomId === null ? undefined : stores.roomMembers.get(roomId, userId)?.membership;
    if (roomId !== null && (membership === "join" || membership === "invite")) return names.displayName(roomId, userId);
  }
  const shared = stores.roomMembers.roomOf(userId) ?? candidates.find((roomId) => roomId !== null);
  return shared === undefined || shared === null ? userId : names.displayName(shared, userId);
}

/** A pill for `userId` named as in `roomId` (`userPill`), for texts built from the stores. */
export function memberPill(stores: { readonly roomMembers: RoomMembersStore }, rooms: string | readonly (string | null)[], userId: string): Markdown {
  return userPill(userId, memberName(stores, rooms, userId));
}
