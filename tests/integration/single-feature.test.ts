import type { MatrixEvent } from "matrix-js-sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { agendaFeature } from "../../src/agenda/feature.ts";
import type { Minou } from "../../src/minou.ts";
import { Member } from "../support/member.ts";
import { createScenario, roomWithMinou, startMinou, type Scenario } from "../support/scenario.ts";
import { quietPeriod, waitFor } from "../support/wait.ts";

describe("a Minou that runs the agenda alone", () => {
  let scenario: Scenario;
  let minou: Minou;
  let camille: Member;
  let roomId: string;
  let feedUrl: string;

  async function ask(command: string): Promise<MatrixEvent> {
    const eventId = await camille.say(roomId, command);
    return camille.waitForReply(roomId, eventId, scenario.bot.userId);
  }

  beforeAll(async () => {
    scenario = await createScenario({ editDebounceSeconds: 1 });
    ({ minou } = await startMinou(scenario, undefined, [agendaFeature]));
    camille = await Member.connect(scenario.homeserver, "camille");
    roomId = await roomWithMinou(scenario, camille);
  });

  afterAll(async () => {
    camille.stop();
    await minou.stop();
    await scenario.homeserver.close();
  });

  it("adds an event, records its announcement and keeps its counts live", async () => {
    const announcement = await ask("!agenda ajouter samedi 13 février toute la journée Vide-grenier");
    const announcementId = announcement.getId() ?? "";
    await waitFor(() => minou.stores.agenda.events.byAnnouncement(announcementId), "announcement id recorded");
    await camille.client.sendEvent(roomId, "m.reaction" as never, { "m.relates_to": { rel_type: "m.annotation", event_id: announcementId, key: "✅️" } } as never);
    await waitFor(() => camille.shownText(roomId, announcementId).includes("✅ 1 · ❓ 0 · ❌ 0"), "the live counts");
  });

  it("serves the room's iCal feed", async () => {
    const links = String((await ask("!agenda lien")).getContent()["body"]);
    const webcal = /webcal:\/\/\S+/.exec(links)?.[0] ?? "";
    feedUrl = `http://127.0.0.1:${minou.httpPort}${new URL(webcal.replace("webcal://", "http://")).pathname}`;
    const feed = await fetch(feedUrl);
    expect(feed.status).toBe(200);
    expect(await feed.text()).toContain("Vide-grenier");
  });

  it("does not know the other features' commands", async () => {
    const before = camille.timeline(roomId).length;
    await camille.say(roomId, "!sondage Quel jour ? | lundi | mardi");
    await quietPeriod(1_000);
    const answers = camille.timeline(roomId).slice(before).filter((event) => event.getSender() === scenario.bot.userId);
    expect(answers.map((event) => String(event.getContent()["body"])).join("\n")).not.toMatch(/sondage n°|poll #/i);
    expect(minou.stores.polls.polls.due(Number.MAX_SAFE_INTEGER)).toHaveLength(0);
  });

  it("stops the room's feed as soon as Minou is removed from the room (the feature's room-left hook)", async () => {
    await camille.client.kick(roomId, scenario.bot.userId, "test");
    await waitFor(() => minou.stores.rooms.withMembership("leave").some((room) => room.roomId === roomId), "Minou out of the room");
    expect((await fetch(feedUrl)).status).toBe(404);
  });
});
