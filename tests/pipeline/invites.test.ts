import { describe, expect, it } from "vitest";
import { InviteHandler } from "../../src/pipeline/invites.ts";
import { captureLog } from "../support/capture-log.ts";
import { memoryStores } from "../support/memory-stores.ts";
import { RecordingTransport } from "../support/recording-transport.ts";

const FAST = { maxAttempts: 2, initialDelayMs: 1, maxDelayMs: 1 };

describe("answering invites", () => {
  it("joins once, although the next sync still lists the room as an invite (as Synapse's may)", async () => {
    const stores = memoryStores();
    const transport = new RecordingTransport();
    const invites = new InviteHandler(stores, transport, ["centre.test"], captureLog("error").log, FAST);
    stores.rooms.recordInvite("!asso:centre.test", "@camille:centre.test", "Chorale");
    invites.answerPending();
    await invites.waitForIdle();
    // The sync that follows the join still shows the invitation.
    stores.rooms.recordInvite("!asso:centre.test", "@camille:centre.test", "Chorale");
    invites.answerPending();
    await invites.waitForIdle();
    expect(transport.joined).toEqual(["!asso:centre.test"]);
    // Once sync shows the join, a later invitation (after a kick, say) is answered again.
    stores.rooms.recordJoin("!asso:centre.test", 2);
    invites.answerPending();
    stores.rooms.recordLeave("!asso:centre.test", 3);
    stores.rooms.recordInvite("!asso:centre.test", "@camille:centre.test", "Chorale");
    invites.answerPending();
    await invites.waitForIdle();
    expect(transport.joined).toEqual(["!asso:centre.test", "!asso:centre.test"]);
  });
});
