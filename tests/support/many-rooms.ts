import type { TestHomeserver } from "../homeserver/index.ts";
import { createRoom, enc, newUser, RawClient } from "../homeserver/raw-client.ts";

export interface ManyRoomsOptions {
  /** Room names are `${namePrefix} 001`, `${namePrefix} 002`…, so they sort in creation order. */
  readonly namePrefix?: string;
  /** Requests in flight at once while setting up. */
  readonly parallel?: number;
}

/**
 * `count` association rooms with the bot joined, made over raw HTTP by one owner: hundreds in a
 * second or two, where matrix-js-sdk members would each keep a full client in sync.
 */
export async function roomsWithBot(homeserver: TestHomeserver, bot: { userId: string; accessToken: string }, count: number, options: ManyRoomsOptions = {}): Promise<{ owner: RawClient; roomIds: string[] }> {
  const owner = await newUser(homeserver, `association-${Date.now()}`);
  const botClient = new RawClient(homeserver.url, bot.accessToken, bot.userId);
  const width = String(count).length;
  const roomIds: string[] = new Array<string>(count);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < count) {
      const index = next;
      next += 1;
      const name = `${options.namePrefix ?? "Association"} ${String(index + 1).padStart(width, "0")}`;
      const roomId = await createRoom(owner, { preset: "private_chat", name, invite: [bot.userId] });
      const joined = await botClient.post(`/rooms/${enc(roomId)}/join`, {});
      if (joined.status !== 200) throw new Error(`bot could not join ${roomId}: ${joined.status}`);
      roomIds[index] = roomId;
    }
  };
  await Promise.all(Array.from({ length: options.parallel ?? 8 }, worker));
  return { owner, roomIds };
}
