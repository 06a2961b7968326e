import type { MatrixEvent } from "matrix-js-sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Minou } from "../../src/minou.ts";
import { ENCRYPTED_ROOM, plainBody as body, react, reactEncrypted } from "../support/encrypted.ts";
import { Member } from "../support/member.ts";
import { createScenario, roomWithMinou, startMinou, type Scenario } from "../support/scenario.ts";
import { quietPeriod, waitFor } from "../support/wait.ts";

describe("the agenda, threads and late joiners in a room Element encrypted", () => {
  let scenario: Scenario;
  let minou: Minou;
  let camille: Member;
  let dominique: Member;
  let sacha: Member;
  let roomId: string;

  async function ask(member: Member, command: string, extra: Record<string, unknown> = {}): Promise<MatrixEvent> {
    const eventId = await member.say(roomId, command, extra);
    return member.waitForReply(roomId, eventId, scenario.bot.userId, 15_000);
  }

  /** Nothing Minou wrote here (state aside) is readable by the homeserver; reactions aside, as Element. */
  const clearFromMinou = (): string[] =>
    scenario.homeserver
      .roomEvents(roomId)
      .filter((event) => event.sender === scenario.bot.userId && !("state_key" in event) && event.type !== "m.room.encrypted" && event.type !== "m.reaction")
      .map((event) => event.type);

  beforeAll(async () => {
    scenario = await createScenario({ editDebounceSeconds: 1 });
    ({ minou } = await startMinou(scenario));
    camille = await Member.connect(scenario.homeserver, "camille", { encryption: true });
    dominique = await Member.connect(scenario.homeserver, "dominique", { encryption: true });
    sacha = await Member.connect(scenario.homeserver, "sacha", { encryption: true });
    roomId = await roomWithMinou(scenario, dominique, { name: "Bureau", invite: [camille.userId], initial_state: ENCRYPTED_ROOM });
    await camille.join(roomId);
  });

  afterAll(async () => {
    for (const member of [camille, dominique, sacha]) member.stop();
    await minou.stop();
    await scenario.homeserver.close();
  });

  it("adds an event and counts ✅ sent in clear and ❓ sent encrypted, editing the announcement live for the members", async () => {
    const announcement = await ask(camille, "!agenda ajouter samedi 13 février toute la journée Vide-grenier");
    expect(announcement.isEncrypted()).toBe(true);
    expect(body(announcement)).toMatch(/Vide-grenier \(n°1\)/);
    expect(body(announcement)).toContain("✅ 0 · ❓ 0 · ❌ 0");
    const announcementId = announcement.getId() ?? "";
    await waitFor(() => minou.stores.agenda.events.byAnnouncement(announcementId), "announcement id recorded");

    const yes = await react(camille, roomId, announcementId, "✅️");
    const maybe = await reactEncrypted(dominique, roomId, announcementId, "❓");
    // The second one really went encrypted, with its relation in clear for the homeserver.
    const onTheWire = scenario.homeserver.roomEvents(roomId).find((event) => event.event_id === maybe);
    expect(onTheWire?.type).toBe("m.room.encrypted");
    expect(onTheWire?.content["m.relates_to"]).toEqual({ rel_type: "m.annotation", event_id: announcementId, key: "❓" });
    expect(scenario.homeserver.roomEvents(roomId).find((event) => event.event_id === yes)?.type).toBe("m.reaction");

    await waitFor(() => camille.shownText(roomId, announcementId).includes("✅ 1 · ❓ 1 · ❌ 0") || undefined, "the live counts, decrypted by camille", 15_000);
    const edit = camille.timeline(roomId).find((event) => (event.getContent()["m.relates_to"] as { rel_type?: string } | undefined)?.rel_type === "m.replace" && event.getSender() === scenario.bot.userId);
    expect(edit?.isEncrypted()).toBe(true);
    await waitFor(() => dominique.shownText(roomId, announcementId).includes("✅ 1 · ❓ 1 · ❌ 0") || undefined, "the same for dominique");

    // Withdrawing the encrypted answer (a redaction, never encrypted) updates the count too.
    await dominique.client.redactEvent(roomId, maybe);
    await waitFor(() => camille.shownText(roomId, announcementId).includes("✅ 1 · ❓ 0 · ❌ 0") || undefined, "the withdrawn answer");
    expect(body(await ask(camille, "!agenda participants 1"))).toMatch(/✅ Viennent \(1\) : camille$/m);
    expect(clearFromMinou()).toEqual([]);
  });

  it("answers a command sent in a thread in the same thread, encrypted, its relation in clear", async () => {
    const root = await camille.say(roomId, "Question sur l'agenda");
    const relation = { rel_type: "m.thread", event_id: root, is_falling_back: true, "m.in_reply_to": { event_id: root } };
    const command = await camille.say(roomId, "!agenda", { "m.relates_to": relation });
    const answer = await camille.waitForReply(roomId, command, scenario.bot.userId, 15_000);
    expect(answer.isEncrypted()).toBe(true);
    expect(body(answer)).toMatch(/n°1 · sam\. 13 févr\..*Vide-grenier/);
    expect(answer.getContent()["m.relates_to"]).toEqual({ rel_type: "m.thread", event_id: root, is_falling_back: false, "m.in_reply_to": { event_id: command } });
    const wire = scenario.homeserver.roomEvents(roomId).find((event) => event.event_id === answer.getId());
    expect(wire?.type).toBe("m.room.encrypted");
    expect(wire?.content["m.relates_to"]).toEqual({ rel_type: "m.thread", event_id: root, is_falling_back: false, "m.in_reply_to": { event_id: command } });
  });

  it("lets a member who joins after Minou's first messages read its next one", async () => {
    await dominique.client.invite(roomId, sacha.userId);
    await sacha.join(roomId);
    const answer = await ask(sacha, "!agenda voir 1");
    expect(answer.isEncrypted()).toBe(true);
    expect(answer.isDecryptionFailure()).toBe(false);
    expect(body(answer)).toContain("Vide-grenier");
    // …and the others still read Minou too (the room key was shared with sacha's device, not replaced for them).
    const forCamille = await waitFor(() => camille.timeline(roomId).find((event) => event.getId() === answer.getId()), "the answer in camille's client");
    expect(forCamille.isDecryptionFailure()).toBe(false);
    expect(body(forCamille)).toContain("Vide-grenier");
    const announcementId = minou.stores.agenda.events.announcementOf(minou.stores.agenda.events.byNumber(roomId, 1)?.id ?? 0) ?? "";
    await react(sacha, roomId, announcementId, "❌");
    await waitFor(() => sacha.shownText(roomId, announcementId).includes("✅ 1 · ❓ 0 · ❌ 1") || undefined, "the live edit, read by the newcomer");
    await quietPeriod(200);
    // What Minou wrote before sacha joined stays closed to sacha (its key was shared from then on); all since reads.
    const since = sacha.timeline(roomId).filter((event) => event.getSender() === scenario.bot.userId && event.getTs() >= answer.getTs());
    expect(since.length).toBeGreaterThanOrEqual(2);
    expect(since.filter((event) => event.isDecryptionFailure())).toEqual([]);
  });

  it("stops sharing with a member who left: the next message goes under a new room key", async () => {
    const sessionOf = (eventId: string | undefined): unknown => scenario.homeserver.roomEvents(roomId).find((event) => event.event_id === eventId)?.content["session_id"];
    const before = await ask(camille, "!agenda");
    await dominique.client.kick(roomId, sacha.userId, "fin du mandat");
    await waitFor(() => scenario.homeserver.stateContent(roomId, "m.room.member", sacha.userId)?.["membership"] === "leave", "sacha out");
    const after = await ask(camille, "!agenda");
    expect(sessionOf(after.getId())).not.toBe(sessionOf(before.getId()));
    expect(body(after)).toContain("Vide-grenier");
    expect(after.isDecryptionFailure()).toBe(false);
  });
});
