import type { MatrixEvent } from "matrix-js-sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Minou } from "../../src/minou.ts";
import { ENCRYPTED_ROOM, plainBody as body } from "../support/encrypted.ts";
import { Member } from "../support/member.ts";
import { createScenario, startMinou, type Scenario } from "../support/scenario.ts";
import { waitFor } from "../support/wait.ts";

describe("staff announcements to plain and encrypted association rooms", () => {
  let scenario: Scenario;
  let minou: Minou;
  let equipe: Member;
  let camille: Member;
  let staffRoom: string;
  let chorale: string;
  let ados: string;
  let jardins: string;

  async function ask(command: string): Promise<MatrixEvent> {
    const eventId = await equipe.say(staffRoom, command);
    return equipe.waitForReply(staffRoom, eventId, scenario.bot.userId, 15_000);
  }

  const isAnnouncement = (event: MatrixEvent): boolean => (event.getContent()["fr.chatons.minou"] as { staff_announcement?: number } | undefined)?.staff_announcement !== undefined;

  beforeAll(async () => {
    const base = await createScenario({ editDebounceSeconds: 1, announcements: { messagesPerSecond: 50 } });
    const bot = base.bot.userId;
    equipe = await Member.connect(base.homeserver, "equipe", { encryption: true });
    camille = await Member.connect(base.homeserver, "camille", { encryption: true });
    // The staff room and two of the three associations' rooms were created encrypted, as Element does for private rooms.
    staffRoom = await equipe.createRoom({ name: "Équipe du centre", invite: [bot], initial_state: ENCRYPTED_ROOM });
    chorale = await camille.createRoom({ name: "Chorale des Tilleuls", invite: [bot], initial_state: ENCRYPTED_ROOM, power_level_content_override: { users: { [camille.userId]: 100, [bot]: 50 } } });
    ados = await camille.createRoom({ name: "Club ados", invite: [bot] });
    jardins = await camille.createRoom({ name: "Jardins partagés", invite: [bot], initial_state: ENCRYPTED_ROOM });
    scenario = { ...base, config: { ...base.config, staffRoom } };
    ({ minou } = await startMinou(scenario));
    for (const roomId of [staffRoom, chorale, ados, jardins]) await waitFor(() => minou.stores.rooms.get(roomId)?.membership === "join", `Minou in ${roomId}`);
    await waitFor(() => minou.stores.rooms.get(jardins)?.encrypted === true || undefined, "the rooms' encryption recorded");
  });

  afterAll(async () => {
    equipe.stop();
    camille.stop();
    await minou.stop();
    await scenario.homeserver.close();
  });

  it("previews every association room, encrypted or not, and each member reads the announcement", async () => {
    const preview = await ask("!annonce épingler Le **forum des associations** a lieu samedi à 10h.");
    expect(preview.isEncrypted()).toBe(true);
    expect(body(preview)).toContain("Salons visés (3) : Chorale des Tilleuls, Club ados, Jardins partagés");
    expect(body(preview)).not.toMatch(/chiffr|Laissés de côté/);

    const progress = await ask("!annonce confirmer");
    const id = (progress.getContent()["fr.chatons.minou"] as { staff_announcement_progress: number }).staff_announcement_progress;
    const report = await waitFor(() => equipe.timeline(staffRoom).find((event) => (event.getContent()["fr.chatons.minou"] as { staff_announcement_report?: number } | undefined)?.staff_announcement_report === id), "the report", 15_000);
    expect(body(report)).toContain("Reçue dans 3 salons sur 3.");
    expect(report.isEncrypted()).toBe(true);

    for (const roomId of [chorale, ados, jardins]) {
      const [announcement, ...more] = (await camille.decryptedTimeline(roomId)).filter((event) => event.getSender() === scenario.bot.userId && isAnnouncement(event));
      expect(more).toEqual([]);
      expect(announcement?.isDecryptionFailure()).toBe(false);
      expect(announcement?.isEncrypted()).toBe(roomId !== ados);
      expect(announcement?.getContent()).toMatchObject({ body: "Le forum des associations a lieu samedi à 10h.", "m.mentions": {} });
      expect(String(announcement?.getContent()["formatted_body"])).toContain("<strong>forum des associations</strong>");
    }
    // Pinned where Minou may, as in a plain room: the pin names the encrypted event.
    const pinned = (await camille.decryptedTimeline(chorale)).find((event) => isAnnouncement(event))?.getId();
    expect(scenario.homeserver.stateContent(chorale, "m.room.pinned_events")?.["pinned"]).toEqual([pinned]);
    await waitFor(() => equipe.shownText(staffRoom, progress.getId() ?? "").includes("envoi terminé : 3/3 salons") || undefined, "the progress line edited, decrypted");
  });
});
