// Users, devices, access tokens, profiles, account data, filters and presence.
import { MatrixError, forbidden, notFound } from "./errors.ts";
import { LOCALPART_PATTERN, newAccessToken, newDeviceId, randomLetters } from "./ids.ts";
import type { Stream } from "./stream.ts";
import type { JsonObject } from "./types.ts";

export interface Session {
  readonly token: string;
  readonly userId: string;
  readonly deviceId: string;
}

export interface Device {
  readonly deviceId: string;
  displayName: string | undefined;
  readonly createdTs: number;
}

interface AccountDataEntry {
  content: JsonObject;
  position: number;
}

export interface AccountDataEvent {
  type: string;
  content: JsonObject;
}

export interface Account {
  readonly userId: string;
  readonly localpart: string;
  password: string;
  /** A server admin (Synapse's users.admin): may call the /_synapse/admin API. */
  admin: boolean;
  displayname: string | undefined;
  avatarUrl: string | undefined;
  presence: { presence: string; statusMsg: string | undefined; lastActive: number };
  readonly devices: Map<string, Device>;
  readonly accountData: Map<string, AccountDataEntry>;
  readonly roomAccountData: Map<string, Map<string, AccountDataEntry>>;
  readonly filters: JsonObject[];
}

/** Key under which sent transactions and `unsigned.transaction_id` are scoped (spec v1.7+: the device). */
export const deviceKey = (session: Pick<Session, "userId" | "deviceId">): string =>
  `${session.userId}|${session.deviceId}`;

/** What happened to a device, for the end-to-end stores and device lists (core.ts wires them). */
export type DeviceChange = "added" | "renamed" | "removed";

export class Accounts {
  /** Synapse notifies a device-list change when a device is created, renamed or deleted. */
  onDeviceChange: (userId: string, deviceId: string, change: DeviceChange) => void = () => {};
  private readonly accounts = new Map<string, Account>();
  private readonly sessions = new Map<string, Session>();
  private readonly uiaSessions = new Set<string>();

  constructor(
    private readonly serverName: string,
    private readonly stream: Stream,
  ) {}

  userIdFor(localpart: string): string {
    return `@${localpart}:${this.serverName}`;
  }

  get(userId: string): Account | undefined {
    return this.accounts.get(userId);
  }

  require(userId: string): Account {
    const account = this.accounts.get(userId);
    if (!account) throw notFound(`User ${userId} does not exist`);
    return account;
  }

  /** Registration (spec: POST /register); Synapse starts every profile with the localpart as name. */
  register(localpart: string, password: string): Account {
    if (!LOCALPART_PATTERN.test(localpart)) {
      throw new MatrixError(400, "M_INVALID_USERNAME", `Invalid username: ${localpart}`);
    }
    const userId = this.userIdFor(localpart);
    if (this.accounts.has(userId)) throw new MatrixError(400, "M_USER_IN_USE", "User ID already taken.");
    const account: Account = {
      userId,
      localpart,
      password,
      admin: false,
      displayname: localpart,
      avatarUrl: undefined,
      presence: { presence: "offline", statusMsg: undefined, lastActive: Date.now() },
      devices: new Map(),
      accountData: new Map(),
      roomAccountData: new Map(),
      filters: [],
    };
    this.accounts.set(userId, account);
    return account;
  }

  generatedLocalpart(): string {
    let localpart: string;
    do localpart = randomLetters(12, "abcdefghijklmnopqrstuvwxyz0123456789");
    while (this.accounts.has(this.userIdFor(localpart)));
    return localpart;
  }

  /** Opens a session; an existing device ID is reused, as on login with `device_id`. */
  openSession(account: Account, deviceId?: string, displayName?: string): Session {
    const id = deviceId ?? newDeviceId();
    if (!account.devices.has(id)) {
      account.devices.set(id, { deviceId: id, displayName, createdTs: Date.now() });
      this.onDeviceChange(account.userId, id, "added");
    }
    const session: Session = { token: newAccessToken(), userId: account.userId, deviceId: id };
    this.sessions.set(session.token, session);
    return session;
  }

  session(token: string): Session | undefined {
    return this.sessions.get(token);
  }

  /** Spec POST /logout: the token and the device it belongs to are gone. */
  logout(session: Session): void {
    this.deleteDevice(session.userId, session.deviceId);
  }

  logoutAll(userId: string): void {
    for (const deviceId of [...(this.accounts.get(userId)?.devices.keys() ?? [])]) this.deleteDevice(userId, deviceId);
    for (const [token, session] of this.sessions) {
      if (session.userId === userId) this.sessions.delete(token);
    }
  }

  /** Synapse's delete_devices: the device, its access tokens (and, through onDeviceChange, its keys). */
  deleteDevice(userId: string, deviceId: string): void {
    for (const [token, session] of this.sessions) {
      if (session.userId === userId && session.deviceId === deviceId) this.sessions.delete(token);
    }
    if (this.accounts.get(userId)?.devices.delete(deviceId)) this.onDeviceChange(userId, deviceId, "removed");
  }

  startUia(): string {
    const id = randomLetters(24);
    this.uiaSessions.add(id);
    return id;
  }

  hasUia(id: string): boolean {
    return this.uiaSessions.has(id);
  }

  endUia(id: string): void {
    this.uiaSessions.delete(id);
  }

  /** Only the owner may touch their account data, filters and presence (Synapse: 403). */
  requireSelf(session: Session, userId: string, what: string): Account {
    if (session.userId !== userId) throw forbidden(`Cannot ${what} for other users.`);
    return this.require(userId);
  }

  setAccountData(userId: string, roomId: string | undefined, type: string, content: JsonObject): void {
    const account = this.require(userId);
    let store = account.accountData;
    if (roomId !== undefined) {
      store = account.roomAccountData.get(roomId) ?? new Map<string, AccountDataEntry>();
      account.roomAccountData.set(roomId, store);
    }
    const position = this.stream.next();
    store.set(type, { content: structuredClone(content), position });
    this.stream.touch([userId], position);
  }

  getAccountData(userId: string, roomId: string | undefined, type: string): JsonObject | undefined {
    const account = this.require(userId);
    const store = roomId === undefined ? account.accountData : account.roomAccountData.get(roomId);
    const entry = store?.get(type);
    return entry ? structuredClone(entry.content) : undefined;
  }

  /** Account data changed after `since` (all of it when `since` is undefined), for /sync. */
  accountDataSince(userId: string, roomId: string | undefined, since: number | undefined): AccountDataEvent[] {
    const account = this.accounts.get(userId);
    const store = roomId === undefined ? account?.accountData : account?.roomAccountData.get(roomId);
    const events: AccountDataEvent[] = [];
    for (const [type, entry] of store ?? []) {
      if (since === undefined || entry.position > since) events.push({ type, content: structuredClone(entry.content) });
    }
    return events;
  }

  roomsWithAccountData(userId: string): Iterable<string> {
    return this.accounts.get(userId)?.roomAccountData.keys() ?? [];
  }

  addFilter(account: Account, filter: JsonObject): string {
    account.filters.push(structuredClone(filter));
    return String(account.filters.length - 1);
  }

  filter(account: Account, filterId: string): JsonObject | undefined {
    if (!/^\d+$/.test(filterId)) return undefined;
    const filter = account.filters[Number(filterId)];
    return filter ? structuredClone(filter) : undefined;
  }
}
