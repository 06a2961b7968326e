import type { Db } from "../database.ts";

export type DeliveryStatus = "pending" | "delivered" | "failed";
/** Pinning after delivery: asked and on its way, done, refused for lack of power, or failed otherwise. */
export type PinStatus = "pending" | "pinned" | "refused" | "failed";

/** One target room of an announcement, and what happened there. */
export interface Delivery {
  readonly announcementId: number;
  readonly roomId: string;
  /** The room's name when the announcement was addressed, for the report. */
  readonly roomName: string;
  readonly status: DeliveryStatus;
  readonly eventId: string | null;
  readonly failure: string | null;
  readonly failureStatus: number | null;
  readonly pin: PinStatus | null;
}

export interface DeliveryCounts {
  readonly total: number;
  readonly delivered: number;
  readonly failed: number;
  readonly pinPending: number;
}

interface DeliveryRow {
  announcement_id: number;
  room_id: string;
  room_name: string;
  status: DeliveryStatus;
  event_id: string | null;
  failure: string | null;
  failure_status: number | null;
  pin: PinStatus | null;
}

function toDelivery(row: DeliveryRow): Delivery {
  return {
    announcementId: row.announcement_id,
    roomId: row.room_id,
    roomName: row.room_name,
    status: row.status,
    eventId: row.event_id,
    failure: row.failure,
    failureStatus: row.failure_status,
    pin: row.pin,
  };
}

/**
 * The rooms an announcement goes to, one row each, settled by the outbox in the transaction that
 * marks its message sent or given up: after a crash, the rows still pending are exactly the
 * messages still in the outbox.
 */
export class AnnouncementDeliveriesStore {
  private readonly insert;
  private readonly deleteAll;
  private readonly selectAll;
  private readonly selectCounts;
  private readonly updateDelivered;
  private readonly updateFailed;
  private readonly updatePin;

  constructor(db: Db) {
    this.insert = db.prepare<[number, string, number, string]>(
      "INSERT INTO staff_announcement_deliveries (announcement_id, room_id, position, room_name) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
    );
    this.deleteAll = db.prepare<[number]>("DELETE FROM staff_announcement_deliveries WHERE announcement_id = ?");
    this.selectAll = db.prepare<[number], DeliveryRow>("SELECT * FROM staff_announcement_deliveries WHERE announcement_id = ? ORDER BY position");
    this.selectCounts = db.prepare<[number], { total: number; delivered: number | null; failed: number | null; pin_pending: number | null }>(
      `SELECT count(*) AS total, sum(status = 'delivered') AS delivered, sum(status = 'failed') AS failed, sum(pin = 'pending') AS pin_pending
       FROM staff_announcement_deliveries WHERE announcement_id = ?`,
    );
    this.updateDelivered = db.prepare<[string, number, string | null, number, string]>(
      "UPDATE staff_announcement_deliveries SET status = 'delivered', event_id = ?, settled_at = ?, pin = ? WHERE announcement_id = ? AND room_id = ? AND status = 'pending'",
    );
    this.updateFailed = db.prepare<[string, number | null, number, number, string]>(
      "UPDATE staff_announcement_deliveries SET status = 'failed', failure = ?, failure_status = ?, settled_at = ? WHERE announcement_id = ? AND room_id = ? AND status = 'pending'",
    );
    this.updatePin = db.prepare<[PinStatus, number, string]>(
      "UPDATE staff_announcement_deliveries SET pin = ? WHERE announcement_id = ? AND room_id = ? AND pin = 'pending'",
    );
  }

  /** The target rooms, in the order they will be served. */
  address(announcementId: number, rooms: readonly { roomId: string; name: string }[]): void {
    rooms.forEach((room, position) => this.insert.run(announcementId, room.roomId, position, room.name));
  }

  clear(announcementId: number): void {
    this.deleteAll.run(announcementId);
  }

  of(announcementId: number): Delivery[] {
    return this.selectAll.all(announcementId).map(toDelivery);
  }

  counts(announcementId: number): DeliveryCounts {
    const row = this.selectCounts.get(announcementId);
    return { total: row?.total ?? 0, delivered: row?.delivered ?? 0, failed: row?.failed ?? 0, pinPending: row?.pin_pending ?? 0 };
  }

  /** `pin`: what to record about pinning it there (null: not asked). False if already settled. */
  markDelivered(announcementId: number, roomId: string, eventId: string, pin: PinStatus | null, now: number): boolean {
    return this.updateDelivered.run(eventId, now, pin, announcementId, roomId).changes === 1;
  }

  markFailed(announcementId: number, roomId: string, failure: string, status: number | null, now: number): boolean {
    return this.updateFailed.run(failure, status, now, announcementId, roomId).changes === 1;
  }

  settlePin(announcementId: number, roomId: string, pin: Exclude<PinStatus, "pending">): boolean {
    return this.updatePin.run(pin, announcementId, roomId).changes === 1;
  }
}
