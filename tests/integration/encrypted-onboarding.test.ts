import type { MatrixEvent } from "matrix-js-sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Minou } from "../../src/minou.ts";
import { ENCRYPTED_ROOM, plainBody as body } from "../support/encrypted.ts";
import { Member } from "../support/member.ts";
import { createScenario, roomWithMinou, startMinou, type Scenario } from "../support/scenario.ts";
import { waitFor } from "../support/wait.ts";

describe("welcomes, the guide and the pinned documents index in a room Element encrypted", () => {
  let scenario: Scenario;
  let minou: Minou;
  let dominique: Member;
  let camille: Member;
  let roomId: string;

  async function ask(member: Member, command: string): Promise<MatrixEvent> {
    const eventId = await member.say(roomId, command);
    const reply = await member.waitForReply(roomId, eventId, scenario.bot.userId, 15_000);
    expect(reply.isEncrypted()).toBe(true);
    return reply;
  }

  const fromMinou = (member: Member): MatrixEvent[] => member.timeline(roomId).filter((event) => event.getSender() === scenario.bot.userId);
  const isIndex = (event: MatrixEvent): boolean => (event.getContent()["fr.chatons.minou"] as { documents?: string } | undefined)?.documents === "index";

  beforeAll(async () => {
    scenario = await createScenario({
      editDebounceSeconds: 1,
      onboarding: { welcomeDelaySeconds: 1 },
      services: [{ name: "Pad du centre", url: "https://pad.centre.example", description: "écrire à plusieurs" }],
      documents: { linkCheck: { enabled: false } },
    });
    ({ minou } = await startMinou(scenario));
    dominique = await Member.connect(scenario.homeserver, "dominique", { encryption: true });
    camille = await Member.connect(scenario.homeserver, "camille", { encryption: true, acceptInvitesFrom: scenario.bot.userId });
    // Dominique runs the room and made Minou a moderator, which lets it pin.
    roomId = await roomWithMinou(scenario, dominique, {
      name: "Les Jardins partagés",
      initial_state: ENCRYPTED_ROOM,
      power_level_content_override: { users: { [dominique.userId]: 100, [scenario.bot.userId]: 50 } },
    });
  });

  afterAll(async () => {
    dominique.stop();
    camille.stop();
    await minou.stop();
    await scenario.homeserver.close();
  });

  it("welcomes a newcomer in the encrypted room, readable by them, and sends the guide in an encrypted DM", async () => {
    await dominique.client.invite(roomId, camille.userId);
    await camille.join(roomId);
    const welcome = await waitFor(() => fromMinou(camille).find((event) => body(event).startsWith("👋")), "the welcome, decrypted by the newcomer", 15_000);
    expect(welcome.isEncrypted()).toBe(true);
    expect(welcome.getContent()["m.mentions"]).toEqual({ user_ids: [camille.userId] });
    expect(body(welcome)).toContain("Vous êtes dans le salon Les Jardins partagés. Je suis Minou");

    const dm = await waitFor(() => {
      const room = minou.stores.directRooms.roomOf(camille.userId);
      return room !== undefined && camille.client.getRoom(room)?.getMyMembership() === "join" ? room : undefined;
    }, "camille in the DM Minou opened", 15_000);
    expect(scenario.homeserver.stateContent(dm, "m.room.encryption")).toEqual({ algorithm: "m.megolm.v1.aes-sha2" });
    const guide = await waitFor(() => camille.messagesFrom(dm, scenario.bot.userId)[0], "the guide, decrypted", 15_000);
    expect(guide.isEncrypted()).toBe(true);
    expect(body(guide)).toContain("Bienvenue sur la messagerie du centre social !");
    expect(body(guide)).toContain("• Pad du centre (https://pad.centre.example/) — écrire à plusieurs");
    // Accepting the DM is not joining an association room: no welcome in the DM.
    expect(camille.messagesFrom(dm, scenario.bot.userId).filter((event) => body(event).startsWith("👋"))).toEqual([]);
  });

  it("sends the documents index encrypted, pins it, and edits it in place as documents are added", async () => {
    expect(body(await ask(camille, "!docs ajouter Budget 2026 https://cloud.exemple.fr/s/budget #compta"))).toBe("C'est noté : document n°1 Budget 2026 (https://cloud.exemple.fr/s/budget) #compta.");
    const index = await waitFor(() => fromMinou(camille).find((event) => isIndex(event) && event.getContent()["m.relates_to"] === undefined), "the index, decrypted", 15_000);
    expect(index.isEncrypted()).toBe(true);
    expect(body(index)).toContain("📌 Documents du salon (1)");
    const indexId = index.getId() ?? "";
    await waitFor(() => (scenario.homeserver.stateContent(roomId, "m.room.pinned_events")?.["pinned"] as string[] | undefined)?.includes(indexId), "the index pinned");

    await ask(dominique, "!docs ajouter Compte rendu du bureau https://cloud.exemple.fr/s/bureau #bureau");
    await waitFor(() => camille.shownText(roomId, indexId).includes("Documents du salon (2)") || undefined, "the index edited, decrypted", 15_000);
    expect(camille.shownText(roomId, indexId)).toContain("Compte rendu du bureau");
    expect(dominique.shownText(roomId, indexId)).toContain("Compte rendu du bureau");
    expect(fromMinou(camille).filter((event) => isIndex(event) && event.getContent()["m.relates_to"] === undefined)).toHaveLength(1);
  });
});
