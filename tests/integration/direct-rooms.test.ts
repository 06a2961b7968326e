import type { MatrixEvent } from "matrix-js-sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Minou } from "../../src/minou.ts";
import { Member } from "../support/member.ts";
import { createScenario, roomWithMinou, startMinou, type Scenario } from "../support/scenario.ts";
import { waitFor } from "../support/wait.ts";

describe("DMs members open with Minou are not association rooms", () => {
  let scenario: Scenario;
  let minou: Minou;
  let equipe: Member;
  let camille: Member;
  let sacha: Member;
  let staffRoom: string;
  let chorale: string;
  let fresh: string;
  let dm: string;
  const body = (event: MatrixEvent): string => String(event.getContent()["body"]);

  async function ask(member: Member, command: string, room = staffRoom): Promise<string> {
    const eventId = await member.say(room, command);
    return body(await member.waitForReply(room, eventId, scenario.bot.userId));
  }

  const joined = (roomId: string): Promise<true> =>
    waitFor(() => scenario.homeserver.stateContent(roomId, "m.room.member", scenario.bot.userId)?.["membership"] === "join" || undefined, `Minou in ${roomId}`);

  /** Minou's own account data, written as a person logged in as Minou in Element would. */
  async function setMinouDirectRooms(content: Record<string, string[]>): Promise<void> {
    const response = await fetch(`${scenario.homeserver.url}/_matrix/client/v3/user/${encodeURIComponent(scenario.bot.userId)}/account_data/m.direct`, {
      method: "PUT",
      headers: { Authorization: `Bearer ${scenario.bot.accessToken}`, "Content-Type": "application/json" },
      body: JSON.stringify(content),
    });
    expect(response.status).toBe(200);
  }

  beforeAll(async () => {
    const base = await createScenario({ announcements: { messagesPerSecond: 50 } });
    const bot = base.bot.userId;
    equipe = await Member.connect(base.homeserver, "equipe");
    camille = await Member.connect(base.homeserver, "camille");
    sacha = await Member.connect(base.homeserver, "sacha");
    staffRoom = await equipe.createRoom({ name: "Équipe du centre", invite: [bot] });
    scenario = { ...base, config: { ...base.config, staffRoom } };
    ({ minou } = await startMinou(scenario));
    await joined(staffRoom);
    chorale = await roomWithMinou(scenario, camille, { name: "Chorale des Tilleuls" });
    // A new association room: so far its founder has invited only Minou, and given it no name.
    // Two members, no name, like a DM: only is_direct and m.direct tell them apart.
    fresh = await camille.createRoom({ preset: "private_chat" as never, invite: [bot] });
    await joined(fresh);
    // Element's "Start chat": a trusted private chat flagged is_direct, then the room in the member's m.direct.
    dm = await sacha.createRoom({ is_direct: true, preset: "trusted_private_chat" as never, invite: [bot] });
    await sacha.client.setAccountData("m.direct" as never, { [bot]: [dm] } as never);
    await joined(dm);
  });

  afterAll(async () => {
    for (const member of [equipe, camille, sacha]) member.stop();
    await minou.stop();
    await scenario.homeserver.close();
  });

  it("leaves a DM and the staff room out of !assos, and keeps a new unnamed association room in", async () => {
    const list = await ask(equipe, "!assos");
    expect(list).toMatch(/\b2 salons\b/);
    expect(list).not.toContain("Équipe du centre");
    expect(list).toContain("Chorale des Tilleuls");
    expect(list).toContain(fresh);
    expect(list).not.toContain(dm);
    // The DM still works as one: Minou answers there.
    expect(await ask(sacha, "!minou", dm)).toMatch(/^Minou /);
  });

  it("does not send a staff announcement into a DM", async () => {
    const preview = await ask(equipe, "!annonce Fête du centre samedi.");
    expect(preview).toMatch(/Salons visés \(2\) : /);
    expect(preview).toContain("Chorale des Tilleuls");
    expect(preview).toContain(fresh);
    expect(preview).not.toContain(dm);
    await ask(equipe, "!annonce confirmer");
    const announcement = (roomId: string) =>
      scenario.homeserver.roomEvents(roomId).find((event) => event.sender === scenario.bot.userId && event.content["body"] === "Fête du centre samedi.");
    await waitFor(() => announcement(chorale), "the announcement in the choir's room");
    await waitFor(() => announcement(fresh), "the announcement in the new room");
    expect(announcement(dm)).toBeUndefined();
  });

  it("counts a room Minou's own m.direct lists as a DM, live and again at start-up", async () => {
    // No is_direct here: only Minou's account data says it is a DM.
    const dominique = await Member.connect(scenario.homeserver, "dominique");
    try {
      const plain = await roomWithMinou(scenario, dominique, { name: "Question à Minou" });
      // Joined on the homeserver first; Minou's next sync records it, as an association room.
      await waitFor(() => minou.stores.rooms.associationRooms().some((room) => room.roomId === plain) || undefined, "the room recorded");
      await setMinouDirectRooms({ [dominique.userId]: [plain], [sacha.userId]: [dm] });
      await waitFor(() => minou.stores.directRooms.isDirectRoom(plain) || undefined, "the m.direct room recognised");
      expect(await ask(equipe, "!assos")).not.toContain("Question à Minou");

      // A database from before Minou kept the flag: m.direct, unchanged since, is read at start-up.
      minou.stores.db.prepare("UPDATE rooms SET direct = 0 WHERE room_id = ?").run(plain);
      await minou.stop();
      ({ minou } = await startMinou(scenario));
      expect(minou.stores.rooms.get(plain)?.direct).toBe(true);
      expect(await ask(equipe, "!assos")).not.toContain("Question à Minou");
    } finally {
      dominique.stop();
    }
  });

  it("writes to a member in the DM they opened, rather than opening another", async () => {
    await ask(sacha, "!mes-données", dm);
    const sentToSacha = await waitFor(
      () => scenario.homeserver.roomEvents(dm).find((event) => event.sender === scenario.bot.userId && event.content["msgtype"] === "m.file") ?? undefined,
      "the export in Sacha's DM",
    );
    expect(String(sentToSacha.content["body"])).toMatch(/\.json$/u);
    // No second DM: Minou never invited Sacha anywhere.
    expect(sacha.client.getRooms().filter((room) => room.getMyMembership() === "invite")).toEqual([]);
  });
});
