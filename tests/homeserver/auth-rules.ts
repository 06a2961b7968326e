// The authorization rules of room versions 10/11 (spec: rooms/v11 "Authorization rules"),
// restricted to what one homeserver needs: no federation, signatures or third-party invites.
import { badJson, forbidden } from "./errors.ts";
import { powerLevelsChangeRefusal, requiredLevel, userLevel, validatePowerLevelsContent } from "./power-levels.ts";
import type { EventDraft, Room } from "./room.ts";

/** Throws 403 M_FORBIDDEN (or 400 for malformed content) when the rules reject the event. */
export function authorize(room: Room, draft: EventDraft): void {
  const { type, sender, stateKey, content } = draft;
  // Rule 1: the create event must be the first event of the room; createRoom appends it directly.
  if (type === "m.room.create") throw forbidden("The room already has a create event.");
  if (type === "m.room.member") return authorizeMembership(room, draft);
  // Rule 5.
  if (room.membership(sender) !== "join") throw forbidden(`User ${sender} not in room ${room.roomId}`);
  // Rule 7.
  const levels = room.powerLevels();
  const senderLevel = userLevel(levels, sender);
  const required = requiredLevel(levels, type, stateKey !== undefined);
  if (required > senderLevel) {
    throw forbidden(`You don't have permission to send ${type}: your level ${senderLevel} < required ${required}.`);
  }
  // Rule 8.
  if (stateKey?.startsWith("@") && stateKey !== sender) throw forbidden("You are not allowed to set others' state.");
  // Rule 9.
  if (type === "m.room.power_levels" && stateKey === "") {
    validatePowerLevelsContent(content);
    const previous = room.state("m.room.power_levels");
    if (!previous) return;
    const refusal = powerLevelsChangeRefusal(previous.content, content, sender, senderLevel);
    if (refusal !== undefined) throw forbidden(`Invalid power levels change: ${refusal}.`);
  }
}

/** Rule 4: m.room.member events. */
function authorizeMembership(room: Room, draft: EventDraft): void {
  const { sender, stateKey: target, content } = draft;
  const membership = content["membership"];
  if (target === undefined || typeof membership !== "string") {
    throw badJson("m.room.member needs a state_key and content.membership");
  }
  const levels = room.powerLevels();
  const senderMembership = room.membership(sender);
  const targetMembership = room.membership(target);
  const senderLevel = userLevel(levels, sender);
  const targetLevel = userLevel(levels, target);
  // Synapse treats a room without m.room.join_rules as invite-only.
  const joinRuleValue = room.state("m.room.join_rules")?.content["join_rule"];
  const joinRule = typeof joinRuleValue === "string" ? joinRuleValue : "invite";
  const senderInRoom = (): void => {
    if (senderMembership !== "join") throw forbidden(`User ${sender} not in room ${room.roomId}`);
  };

  switch (membership) {
    case "join":
      if (sender !== target) throw forbidden("Cannot force another user to join.");
      if (senderMembership === "ban") throw forbidden("You are banned from this room.");
      if (joinRule === "public") return;
      // invite, knock, restricted and knock_restricted (no allow-list support): invite or join needed.
      if (senderMembership === "invite" || senderMembership === "join") return;
      throw forbidden("You are not invited to this room.");
    case "invite":
      senderInRoom();
      if (targetMembership === "join") throw forbidden(`${target} is already in the room.`);
      if (targetMembership === "ban") throw forbidden(`${target} is banned from the room.`);
      if (senderLevel >= levels.invite) return;
      throw forbidden(`You don't have permission to invite users: your level ${senderLevel} < ${levels.invite}.`);
    case "leave":
      if (sender === target) {
        if (senderMembership === "invite" || senderMembership === "join" || senderMembership === "knock") return;
        throw forbidden(`User ${sender} not in room ${room.roomId}`);
      }
      senderInRoom();
      if (targetMembership === "ban" && senderLevel < levels.ban) throw forbidden("You cannot unban this user.");
      if (senderLevel >= levels.kick && targetLevel < senderLevel) return;
      throw forbidden(`You cannot kick ${target}: your level ${senderLevel}, kick ${levels.kick}, theirs ${targetLevel}.`);
    case "ban":
      senderInRoom();
      if (senderLevel >= levels.ban && targetLevel < senderLevel) return;
      throw forbidden(`You cannot ban ${target}: your level ${senderLevel}, ban ${levels.ban}, theirs ${targetLevel}.`);
    case "knock":
      if (joinRule !== "knock" && joinRule !== "knock_restricted") throw forbidden("This room does not accept knocks.");
      if (sender !== target) throw forbidden("Cannot knock on behalf of another user.");
      if (senderMembership === "ban" || senderMembership === "invite" || senderMembership === "join") {
        throw forbidden("You cannot knock on this room.");
      }
      return;
    default:
      throw forbidden(`Unknown membership ${membership}.`);
  }
}
