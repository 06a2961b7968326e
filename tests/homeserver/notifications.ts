// Push actions and notification counts, as Synapse 1.67 computes them: the push rules of every
// member joined before the event (and of an invitee) except the sender, evaluated when the event
// is stored (synapse/push/bulk_push_rule_evaluator.py); GET /notifications and the /sync
// `unread_notifications` read them back (storage/databases/main/event_push_actions.py).
import { toSyncEvent } from "./client-events.ts";
import { effectivePowerLevels, userLevel } from "./power-levels.ts";
import { flattenEvent, isHighlight, pushActionsFor, type PushEventContext } from "./push-evaluator.ts";
import type { PushRuleStore } from "./push-rule-store.ts";
import type { PushAction } from "./push-rules.ts";
import type { Receipts } from "./receipts.ts";
import { membershipOf, type Room, type StoredEvent } from "./room.ts";
import type { Rooms } from "./rooms.ts";
import type { JsonObject } from "./types.ts";

export interface PushNotification {
  readonly roomId: string;
  readonly eventId: string;
  readonly streamPos: number;
  readonly actions: PushAction[];
  readonly highlight: boolean;
  readonly ts: number;
}

export interface NotificationsQuery {
  /** A `next_token`: only notifications older than it. */
  from?: string | undefined;
  limit?: number | undefined;
  onlyHighlight?: boolean | undefined;
}

export class Notifications {
  /** Per user, oldest first. */
  private readonly byUser = new Map<string, PushNotification[]>();
  /** Per user and room ("user\u0000room"), oldest first: counts stay proportional to what is unread. */
  private readonly byUserRoom = new Map<string, PushNotification[]>();

  constructor(
    private readonly serverName: string,
    private readonly rules: PushRuleStore,
    private readonly receipts: Receipts,
    private readonly rooms: Rooms,
  ) {}

  /** Runs each recipient's push rules on a newly stored event. */
  evaluate(room: Room, event: StoredEvent): void {
    const previous = event.replacesStateId === undefined ? undefined : room.event(event.replacesStateId);
    const memberTarget = event.type === "m.room.member" ? event.stateKey : undefined;
    const recipients = new Set(room.joined);
    if (memberTarget !== undefined) {
      if (membershipOf(previous) === "join") recipients.add(memberTarget);
      else recipients.delete(memberTarget);
    }
    const memberCount = recipients.size;
    // Synapse also runs the rules of an invitee, or nobody would hear of the invitation.
    if (memberTarget !== undefined && membershipOf(event) === "invite") recipients.add(memberTarget);
    recipients.delete(event.sender);
    if (recipients.size === 0) return;

    const isPowerLevels = event.type === "m.room.power_levels" && event.stateKey === "";
    const levels = effectivePowerLevels(isPowerLevels ? previous?.content : room.state("m.room.power_levels")?.content, room.creator);
    const pdu: JsonObject = { type: event.type, room_id: room.roomId, sender: event.sender, content: event.content, origin: this.serverName };
    if (event.stateKey !== undefined) pdu["state_key"] = event.stateKey;
    if (event.redacts !== undefined) pdu["redacts"] = event.redacts;
    const context: PushEventContext = {
      flattened: flattenEvent(pdu),
      body: event.content["body"],
      memberCount,
      senderLevel: userLevel(levels, event.sender),
      notificationLevels: levels.notifications,
    };
    for (const userId of recipients) {
      const actions = pushActionsFor(this.rules.rulesInOrder(userId), context, userId, displayNameOf(room, event, previous, userId));
      if (!actions) continue;
      const notification = { roomId: room.roomId, eventId: event.eventId, streamPos: event.streamPos, actions, highlight: isHighlight(actions), ts: event.originServerTs };
      append(this.byUser, userId, notification);
      append(this.byUserRoom, `${userId}\u0000${room.roomId}`, notification);
    }
  }

  /** Synapse get_push_actions_for_user: newest first, `limit` at most 500 (default 50). */
  list(userId: string, query: NotificationsQuery = {}): PushNotification[] {
    const before = query.from !== undefined && query.from !== "" && Number.isFinite(Number(query.from)) ? Number(query.from) : Infinity;
    const limit = Math.min(query.limit ?? 50, 500);
    const out: PushNotification[] = [];
    const all = this.byUser.get(userId) ?? [];
    for (let i = all.length - 1; i >= 0 && out.length < limit; i--) {
      const notification = all[i];
      if (!notification || notification.streamPos >= before) continue;
      if (query.onlyHighlight === true && !notification.highlight) continue;
      out.push(notification);
    }
    return out;
  }

  /** Who got a push action for the event, in the order they were evaluated. */
  recipientsOf(eventId: string): Array<{ userId: string; actions: PushAction[]; highlight: boolean }> {
    const out = [];
    for (const [userId, list] of this.byUser) {
      const found = list.find((notification) => notification.eventId === eventId);
      if (found) out.push({ userId, actions: structuredClone(found.actions), highlight: found.highlight });
    }
    return out;
  }

  /** The GET /notifications body. */
  page(userId: string, query: NotificationsQuery = {}): JsonObject {
    const found = this.list(userId, query);
    const notifications = found.map((notification) => {
      const room = this.rooms.require(notification.roomId);
      const event = room.event(notification.eventId);
      const read = this.receipts.lastRead(notification.roomId, userId);
      return {
        room_id: notification.roomId,
        profile_tag: null,
        actions: structuredClone(notification.actions),
        ts: notification.ts,
        event: event ? structuredClone(toSyncEvent(room, event, undefined)) : {},
        read: read !== undefined && read >= notification.streamPos,
      };
    });
    const last = found.at(-1);
    return { notifications, next_token: last === undefined ? null : String(last.streamPos) };
  }

  /**
   * `unread_notifications` of a joined room: push actions after the user's latest read receipt
   * or, without one, after their current membership event.
   */
  unreadCounts(room: Room, userId: string): { notification_count: number; highlight_count: number } {
    const after = this.receipts.lastRead(room.roomId, userId) ?? room.state("m.room.member", userId)?.streamPos ?? 0;
    let notificationCount = 0;
    let highlightCount = 0;
    const list = this.byUserRoom.get(`${userId}\u0000${room.roomId}`) ?? [];
    for (let i = list.length - 1; i >= 0; i--) {
      const notification = list[i];
      if (!notification || notification.streamPos <= after) break;
      notificationCount += 1;
      if (notification.highlight) highlightCount += 1;
    }
    return { notification_count: notificationCount, highlight_count: highlightCount };
  }
}

function append(index: Map<string, PushNotification[]>, key: string, notification: PushNotification): void {
  const list = index.get(key);
  if (list) list.push(notification);
  else index.set(key, [notification]);
}

/** The room's display name of a joined recipient, else (their own membership event) the event's. */
function displayNameOf(room: Room, event: StoredEvent, previous: StoredEvent | undefined, userId: string): string | undefined {
  const isTarget = event.type === "m.room.member" && event.stateKey === userId;
  const member = isTarget ? previous : room.state("m.room.member", userId);
  const joinedName = membershipOf(member) === "join" ? member?.content["displayname"] : undefined;
  if (typeof joinedName === "string" && joinedName !== "") return joinedName;
  const ownName = isTarget ? event.content["displayname"] : undefined;
  return typeof ownName === "string" && ownName !== "" ? ownName : undefined;
}
