// Everything the endpoints share, independent of the HTTP listener (so state survives stop/restart).
import { Accounts } from "./accounts.ts";
import { MediaStore } from "./media.ts";
import { Rooms } from "./rooms.ts";
import { Stream } from "./stream.ts";

/** The room version createRoom uses by default: Synapse's default_room_version. */
export const DEFAULT_ROOM_VERSION = "10";
export const SUPPORTED_ROOM_VERSIONS = ["10", "11"] as const;

export class HomeserverCore {
  readonly stream = new Stream();
  readonly accounts: Accounts;
  readonly rooms: Rooms;
  readonly media = new MediaStore();

  constructor(readonly serverName: string) {
    this.accounts = new Accounts(serverName, this.stream);
    this.rooms = new Rooms(serverName, this.stream, (userId) => this.accounts.get(userId));
  }
}
