// Everything the endpoints share, independent of the HTTP listener (so state survives stop/restart).
import { Accounts } from "./accounts.ts";
import { CrossSigning } from "./cross-signing.ts";
import { DeviceLists } from "./device-lists.ts";
import { E2eKeys } from "./e2e-keys.ts";
import { MediaStore } from "./media.ts";
import { Notifications } from "./notifications.ts";
import { PushRuleStore } from "./push-rule-store.ts";
import { RateLimits, type RateLimitOptions } from "./rate-limits.ts";
import { Receipts } from "./receipts.ts";
import { Rooms } from "./rooms.ts";
import { Stream } from "./stream.ts";
import { ToDeviceInbox } from "./to-device.ts";
import { UiaSessions } from "./uia.ts";

/** The room version createRoom uses by default: Synapse's default_room_version. */
export const DEFAULT_ROOM_VERSION = "10";
export const SUPPORTED_ROOM_VERSIONS = ["10", "11"] as const;

export class HomeserverCore {
  readonly stream = new Stream();
  readonly accounts: Accounts;
  readonly rooms: Rooms;
  readonly media = new MediaStore();
  readonly deviceLists: DeviceLists;
  readonly e2eKeys: E2eKeys;
  readonly crossSigning: CrossSigning;
  readonly toDevice: ToDeviceInbox;
  readonly uia: UiaSessions;
  readonly pushRules = new PushRuleStore();
  readonly receipts: Receipts;
  readonly notifications: Notifications;
  readonly rateLimits: RateLimits;

  constructor(
    readonly serverName: string,
    rateLimits: RateLimitOptions | false = {},
  ) {
    this.rateLimits = new RateLimits(rateLimits);
    this.accounts = new Accounts(serverName, this.stream);
    this.rooms = new Rooms(serverName, this.stream, (userId) => this.accounts.get(userId));
    this.deviceLists = new DeviceLists(this.stream, this.rooms);
    this.e2eKeys = new E2eKeys((userId) => this.deviceLists.devicesChanged(userId));
    const devicesOf = (userId: string): Iterable<string> => this.accounts.get(userId)?.devices.keys() ?? [];
    this.crossSigning = new CrossSigning(this.e2eKeys, this.deviceLists, devicesOf);
    this.toDevice = new ToDeviceInbox(serverName, this.stream, devicesOf);
    this.uia = new UiaSessions(this.accounts);
    this.receipts = new Receipts(this.stream);
    this.notifications = new Notifications(serverName, this.pushRules, this.receipts, this.rooms);
    // Synapse runs the push rules before the event is persisted, i.e. before anyone can sync it.
    this.rooms.appendListeners.add((room, event) => this.notifications.evaluate(room, event));
    // Synapse's notify_user_joined_room feeds rc_joins_per_room with every join, limited or not.
    this.rooms.joinListeners.add((room) => this.rateLimits.joined(room.roomId));
    this.accounts.onDeviceChange = (userId, deviceId, change) => {
      if (change === "removed") {
        this.e2eKeys.deleteDevice(userId, deviceId);
        this.toDevice.deleteDevice(userId, deviceId);
      }
      this.deviceLists.devicesChanged(userId);
    };
  }
}
