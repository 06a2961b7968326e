import { RoomEvent, type MatrixEvent, type Room } from "matrix-js-sdk";
import { Member } from "../../tests/support/member.ts";

/**
 * A member with Rust crypto (matrix-js-sdk, as Element) in a process of its own, driven by the
 * bench over IPC: its encryption and decryption then do not hold up the homeserver's event loop.
 * Usage (fork): e2ee-member.ts <homeserverUrl> <account JSON: {userId, accessToken, deviceId}>
 */
export type MemberRequest =
  | { readonly id: number; readonly op: "createRoom"; readonly name: string; readonly invite: readonly string[]; readonly encrypted: boolean }
  | { readonly id: number; readonly op: "roundTrip"; readonly roomId: string; readonly body: string; readonly botUserId: string }
  | { readonly id: number; readonly op: "stop" };

export type MemberReply =
  | { readonly id: number; readonly roomId: string }
  | { readonly id: number; readonly eventId: string; readonly perceivedMs: number }
  | { readonly id: number; readonly stopped: true }
  | { readonly id: number; readonly error: string };

const [url, accountJson] = process.argv.slice(2);
if (url === undefined || accountJson === undefined || process.send === undefined) throw new Error("usage: fork e2ee-member.ts <homeserverUrl> <account JSON>");
const account = JSON.parse(accountJson) as { userId: string; accessToken: string; deviceId: string };
const localpart = account.userId.slice(1, account.userId.indexOf(":"));
const member = await Member.connect({ url, registerUser: async () => account }, localpart, { encryption: true });

function repliedTo(content: Record<string, unknown>): string | undefined {
  const relation = content["m.relates_to"] as { "m.in_reply_to"?: { event_id?: string } } | undefined;
  return relation?.["m.in_reply_to"]?.event_id;
}

/** Answers the member's client has shown decrypted, by the event they reply to, and when. */
const answered = new Map<string, number>();
const undecryptable = new Map<string, string>();
const waiting = new Map<string, () => void>();
member.client.on(RoomEvent.Timeline, (event: MatrixEvent, room: Room | undefined) => {
  if (room === undefined) return;
  void member.client.decryptEventIfNeeded(event).then(() => {
    const target = repliedTo(event.getContent());
    if (target === undefined || answered.has(target)) return;
    if (event.isDecryptionFailure()) undecryptable.set(target, `${event.getId() ?? "?"}: ${event.decryptionFailureReason ?? "?"}`);
    answered.set(target, performance.now());
    waiting.get(target)?.();
  }, () => undefined);
});

async function answerTo(eventId: string, timeoutMs = 30_000): Promise<number> {
  if (!answered.has(eventId)) {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no answer to ${eventId} in ${timeoutMs} ms`)), timeoutMs);
      waiting.set(eventId, () => {
        clearTimeout(timer);
        waiting.delete(eventId);
        resolve();
      });
    });
  }
  const failure = undecryptable.get(eventId);
  if (failure !== undefined) throw new Error(`the answer to ${eventId} did not decrypt: ${failure}`);
  return answered.get(eventId) ?? Number.NaN;
}

async function handle(request: MemberRequest): Promise<MemberReply> {
  switch (request.op) {
    case "createRoom": {
      const initialState = request.encrypted ? [{ type: "m.room.encryption", state_key: "", content: { algorithm: "m.megolm.v1.aes-sha2" } }] : [];
      const roomId = await member.createRoom({ preset: "private_chat" as never, name: request.name, invite: [...request.invite], initial_state: initialState as never });
      // Encrypting for the bot needs its join (and its device) known to this client.
      for (const userId of request.invite) {
        for (let i = 0; i < 1_000 && member.room(roomId).getMember(userId)?.membership !== "join"; i += 1) await new Promise((resolve) => setTimeout(resolve, 20));
      }
      return { id: request.id, roomId };
    }
    case "roundTrip": {
      const started = performance.now();
      const eventId = await member.say(request.roomId, request.body);
      const seen = await answerTo(eventId);
      return { id: request.id, eventId, perceivedMs: seen - started };
    }
    case "stop":
      member.stop();
      return { id: request.id, stopped: true };
  }
}

process.on("message", (request: MemberRequest) => {
  void handle(request).then(
    (reply) => {
      process.send?.(reply);
      // matrix-js-sdk leaves a timer per request it made even after stopClient.
      if (request.op === "stop") process.exit(0);
    },
    (error: unknown) => process.send?.({ id: request.id, error: error instanceof Error ? error.message : String(error) }),
  );
});
process.send({ id: 0, roomId: "" } satisfies MemberReply);
