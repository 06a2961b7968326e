// Membership changes behind /join, /invite, /leave, /kick, /ban, /unban and profile updates.
import type { HomeserverCore } from "./core.ts";
import type { Room, StoredEvent } from "./room.ts";
import type { JsonObject } from "./types.ts";

/**
 * A membership change a user asked for (Synapse's update_membership with ratelimit=True): a new
 * join first takes one from rc_joins.local, even if the auth rules then refuse it; the event then
 * counts against rc_message when persisted. Invites take their buckets in the invite route.
 */
export function setMembership(
  core: HomeserverCore,
  room: Room,
  sender: string,
  target: string,
  membership: "join" | "invite" | "leave" | "ban",
  extra: JsonObject = {},
): StoredEvent {
  const current = room.membership(target);
  // Synapse refuses a banned user's join before it reaches the join limiter.
  if (membership === "join" && current !== "join" && current !== "ban") core.rateLimits.join(sender, room.roomId);
  const draft = { type: "m.room.member", sender, stateKey: target, content: { ...extra, membership } };
  return core.rooms.send(room, draft, () => core.rateLimits.message(sender));
}

/** Optional `reason` (spec: membership endpoints) and `is_direct` carried into the member event. */
export function reasonOf(body: JsonObject): JsonObject {
  return typeof body["reason"] === "string" ? { reason: body["reason"] } : {};
}

/**
 * Like Synapse, a profile change is announced in every joined room with a fresh join event
 * carrying the new displayname/avatar_url.
 */
export function propagateProfile(core: HomeserverCore, userId: string): void {
  const account = core.accounts.get(userId);
  if (!account) return;
  for (const room of core.rooms.roomsOf(userId)) {
    if (room.membership(userId) !== "join") continue;
    const current = room.state("m.room.member", userId)?.content ?? {};
    const { displayname: _name, avatar_url: _avatar, reason: _reason, ...rest } = current;
    const content: JsonObject = { ...rest, membership: "join" };
    if (account.displayname !== undefined) content["displayname"] = account.displayname;
    if (account.avatarUrl !== undefined) content["avatar_url"] = account.avatarUrl;
    try {
      core.rooms.send(room, { type: "m.room.member", sender: userId, stateKey: userId, content });
    } catch {
      // Synapse skips rooms where the update is refused; so do we.
    }
  }
}
