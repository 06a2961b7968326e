import type { Stores } from "../../storage/index.ts";
import type { MatrixEvent } from "../../storage/inbound-events-store.ts";
import type { Logger } from "../log.ts";
import { GaveUp } from "../matrix/retry.ts";
import type { RoomSection, SyncResponse } from "../pipeline/sync-intake.ts";
import type { HomeserverRequest } from "./crypto-requests.ts";
import type { OlmEngine, RoomEncryption } from "./olm-engine.ts";

interface RoomInfo {
  readonly memberships: Map<string, string>;
  historyVisibility: string;
  encryption: Record<string, unknown> | undefined;
}

const enc = encodeURIComponent;

/**
 * What encryption needs to know of each room Minou writes to — whether it is encrypted, who its
 * members are, its history visibility and rotation settings — read once from the room's state,
 * then kept current from sync. Reading the real settings every time matters: an outbound session
 * created with other settings than the room's would be replaced, re-keying the room on each start.
 */
export class RoomCrypto {
  private readonly rooms = new Map<string, RoomInfo>();
  /** Whether each room Minou wrote to is encrypted, as far as this run has seen. */
  private readonly encrypted = new Map<string, boolean>();
  private readonly loading = new Map<string, Promise<RoomInfo>>();
  /** State changes seen in sync while a room's state was being fetched: applied over it after. */
  private readonly seenWhileLoading = new Map<string, MatrixEvent[]>();

  constructor(
    readonly engine: OlmEngine,
    private readonly stores: Stores,
    private readonly request: HomeserverRequest,
    private readonly log: Logger,
  ) {}

  /** Applies the membership, history visibility and encryption changes a sync answer brings. */
  observeSync(sync: SyncResponse): void {
    for (const [roomId, room] of Object.entries(sync.rooms?.join ?? {})) {
      const events = stateEventsOf(room);
      if (events.some((event) => event.type === "m.room.encryption" && event.state_key === "")) this.encrypted.set(roomId, true);
      const info = this.rooms.get(roomId);
      if (info !== undefined) for (const event of events) apply(info, event);
      else this.seenWhileLoading.get(roomId)?.push(...events);
    }
    for (const roomId of Object.keys(sync.rooms?.leave ?? {})) {
      this.rooms.delete(roomId);
      this.encrypted.delete(roomId);
    }
  }

  /** A room Minou has just created encrypted (a DM): no sync may have said so yet. */
  createdEncrypted(roomId: string): void {
    this.encrypted.set(roomId, true);
  }

  /**
   * Never guessed: a room whose encryption this run has not seen (one created a moment ago,
   * whose state is still on its way in sync) is asked about before anything is sent in clear.
   */
  async isEncrypted(roomId: string): Promise<boolean> {
    if (this.stores.rooms.get(roomId)?.encrypted === true) return true;
    const known = this.encrypted.get(roomId);
    if (known !== undefined) return known;
    const path = `/_matrix/client/v3/rooms/${enc(roomId)}/state/m.room.encryption/`;
    const found = await this.request("GET", path).then(
      () => true,
      (error: unknown) => {
        // 404: the room has no m.room.encryption state.
        if (error instanceof GaveUp && error.failure.kind === "permanent" && error.failure.status === 404) return false;
        throw error;
      },
    );
    // A sync that saw the encryption meanwhile knows better.
    if (!this.encrypted.has(roomId)) this.encrypted.set(roomId, found);
    return this.encrypted.get(roomId) ?? found;
  }

  async encrypt(roomId: string, eventType: string, content: Record<string, unknown>): Promise<Record<string, unknown>> {
    return this.engine.encrypt(roomId, eventType, content, await this.settings(roomId));
  }

  /** Decrypts what can be decrypted (poll responses fetched with /relations…); drops the rest. */
  async decryptAll(roomId: string, events: readonly MatrixEvent[]): Promise<MatrixEvent[]> {
    const readable: MatrixEvent[] = [];
    for (const event of events) {
      if (event.type !== "m.room.encrypted") {
        readable.push(event);
        continue;
      }
      const result = await this.engine.decrypt(roomId, event);
      if (result.kind === "decrypted") readable.push(result.event);
      else this.log.debug("fetched event not readable", { roomId, eventId: event.event_id, reason: result.reason });
    }
    return readable;
  }

  async settings(roomId: string): Promise<RoomEncryption> {
    const info = await this.info(roomId);
    const visibility = info.historyVisibility;
    const members = [...info.memberships].filter(([, membership]) => membership === "join" || (membership === "invite" && visibility !== "joined")).map(([userId]) => userId);
    const period = info.encryption?.["rotation_period_ms"];
    const messages = info.encryption?.["rotation_period_msgs"];
    return {
      members,
      historyVisibility: visibility,
      ...(typeof period === "number" ? { rotationPeriodMs: period } : {}),
      ...(typeof messages === "number" ? { rotationPeriodMessages: messages } : {}),
    };
  }

  private info(roomId: string): Promise<RoomInfo> {
    const known = this.rooms.get(roomId);
    if (known !== undefined) return Promise.resolve(known);
    let pending = this.loading.get(roomId);
    if (pending === undefined) {
      this.seenWhileLoading.set(roomId, []);
      pending = this.load(roomId).finally(() => {
        this.loading.delete(roomId);
        this.seenWhileLoading.delete(roomId);
      });
      this.loading.set(roomId, pending);
    }
    return pending;
  }

  private async load(roomId: string): Promise<RoomInfo> {
    const state = (await this.request("GET", `/_matrix/client/v3/rooms/${enc(roomId)}/state`)) as MatrixEvent[];
    // The spec's default when a room has no m.room.history_visibility event.
    const info: RoomInfo = { memberships: new Map(), historyVisibility: "shared", encryption: undefined };
    for (const event of [...state, ...(this.seenWhileLoading.get(roomId) ?? [])]) apply(info, event);
    this.rooms.set(roomId, info);
    return info;
  }
}

function stateEventsOf(room: RoomSection): MatrixEvent[] {
  return [...(room.missed ?? []), ...(room.state?.events ?? []), ...(room.timeline?.events ?? [])].filter((event) => event.state_key !== undefined);
}

function apply(info: RoomInfo, event: MatrixEvent): void {
  if (event.type === "m.room.member" && event.state_key !== undefined) {
    const membership = event.content["membership"];
    if (typeof membership === "string") info.memberships.set(event.state_key, membership);
  } else if (event.type === "m.room.history_visibility" && event.state_key === "") {
    const visibility = event.content["history_visibility"];
    if (typeof visibility === "string") info.historyVisibility = visibility;
  } else if (event.type === "m.room.encryption" && event.state_key === "") {
    info.encryption = event.content;
  }
}
