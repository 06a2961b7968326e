import type { MatrixEvent } from "matrix-js-sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Minou } from "../../src/minou.ts";
import { downloadAttachment } from "../support/attachment.ts";
import { Member } from "../support/member.ts";
import { createScenario, roomWithMinou, startMinou, type Scenario } from "../support/scenario.ts";
import { waitFor } from "../support/wait.ts";

// Issue 11 §2: Minou calls people by the name Element shows in the room, not by their Matrix ID.
describe("people are called by their names (matrix-js-sdk members)", () => {
  let scenario: Scenario;
  let minou: Minou;
  let camille: Member;
  let dominique: Member;
  let sam1: Member;
  let sam2: Member;
  let trickster: Member;
  let roomId: string;
  const TRICK = '=HYPERLINK("https://exemple.fr","clic")';
  const body = (event: MatrixEvent): string => String(event.getContent()["body"]);

  async function ask(member: Member, command: string): Promise<MatrixEvent> {
    const eventId = await member.say(roomId, command);
    return member.waitForReply(roomId, eventId, scenario.bot.userId);
  }

  const known = (member: Member, name: string) => () => minou.stores.roomMembers.get(roomId, member.userId)?.displayName === name;

  beforeAll(async () => {
    scenario = await createScenario({ editDebounceSeconds: 1 });
    ({ minou } = await startMinou(scenario));
    const connect = (localpart: string): Promise<Member> => Member.connect(scenario.homeserver, localpart);
    [camille, dominique, sam1, sam2, trickster] = await Promise.all([connect("camille"), connect("dominique"), connect("sam1"), connect("sam2"), connect("farceur")]);
    // Named before joining: the join event carries the name (as Synapse does).
    await sam1.client.setDisplayName("Sam");
    await sam2.client.setDisplayName("Sam");
    await trickster.client.setDisplayName(TRICK);
    roomId = await roomWithMinou(scenario, dominique, { invite: [camille.userId, sam1.userId, sam2.userId, trickster.userId] });
    for (const member of [camille, sam1, sam2, trickster]) await member.join(roomId);
    // Renamed once in the room: the homeserver sends a new member event there.
    await camille.client.setDisplayName("Camille Martin");
    await waitFor(known(camille, "Camille Martin"), "Camille's new name");
    await waitFor(known(trickster, TRICK), "the trickster's name");
  });

  afterAll(async () => {
    for (const member of [camille, dominique, sam1, sam2, trickster]) member.stop();
    await minou.stop();
    await scenario.homeserver.close();
  });

  it("lists the people coming to an event by name, telling the two Sams apart", async () => {
    const announcement = await ask(dominique, "!agenda ajouter samedi 13 février 2027 toute la journée Vide-grenier");
    const announcementId = announcement.getId() ?? "";
    await waitFor(() => minou.stores.agenda.events.byAnnouncement(announcementId), "announcement id recorded");
    for (const member of [camille, sam1, sam2]) {
      await member.client.sendEvent(roomId, "m.reaction" as never, { "m.relates_to": { rel_type: "m.annotation", event_id: announcementId, key: "✅" } } as never);
    }
    await waitFor(() => minou.stores.agenda.answers.answers(minou.stores.agenda.events.byNumber(roomId, 1)?.id ?? 0).length === 3, "three answers");
    const people = await ask(dominique, "!agenda participants 1");
    expect(body(people)).toContain("✅ Viennent (3) : ");
    expect(body(people)).toContain("Camille Martin");
    expect(body(people)).not.toContain(camille.userId);
    expect(body(people)).toContain(`Sam (${sam1.userId})`);
    expect(body(people)).toContain(`Sam (${sam2.userId})`);
    // Element's pill: a matrix.to link to the member whose text is their name.
    expect(String(people.getContent()["formatted_body"])).toContain(`<a href="https://matrix.to/#/${camille.userId}">Camille Martin</a>`);
  });

  it("follows a name change, and stops disambiguating once only one Sam is left", async () => {
    await sam2.client.setDisplayName("Samia");
    await waitFor(known(sam2, "Samia"), "Samia's new name");
    const people = body(await ask(dominique, "!agenda participants 1"));
    expect(people).toMatch(/Sam, Samia|Samia, Sam|Sam\b.*Samia/);
    expect(people).not.toContain(sam1.userId);
  });

  it("exports a poll with the name and the Matrix ID in two columns, a formula in a name neutralised", async () => {
    const summary = body(await ask(dominique, '!sondage dates "Assemblée générale" 15/01/2027 18h | 16/01/2027 18h'));
    expect(summary).toMatch(/sondage de dates n°1/);
    await ask(trickster, "!sondage voter 1 oui non");
    await ask(camille, "!sondage voter 1 non oui");
    const reply = await ask(dominique, "!sondage export 1");
    expect(body(reply)).toMatch(/^Voici les réponses du sondage n°1/);
    const file = await waitFor(() => dominique.timeline(roomId).find((event) => event.getContent()["filename"] === "sondage-1.csv"), "the CSV file");
    const csv = (await downloadAttachment(scenario.homeserver.url, file.getContent())).subarray(3).toString("utf8");
    const lines = csv.split("\r\n");
    expect(lines[0]).toMatch(/^Nom,Identifiant Matrix,"1\. /);
    expect(lines).toContain(`"'=HYPERLINK(""https://exemple.fr"",""clic"")",'${trickster.userId},oui,non`);
    expect(lines).toContain(`Camille Martin,'${camille.userId},non,oui`);
  });

  it("still knows the names after a restart (a sync with a token brings no member list)", async () => {
    await minou.stop();
    ({ minou } = await startMinou(scenario));
    const people = body(await ask(dominique, "!agenda participants 1"));
    expect(people).toContain("Camille Martin");
    expect(people).not.toContain(camille.userId);
  });

  it("says who added a document by name", async () => {
    await ask(camille, "!docs ajouter Budget 2027 https://cloud.exemple.fr/budget");
    const list = body(await ask(dominique, "!docs"));
    expect(list).toMatch(/Budget 2027.*ajouté par Camille Martin le/);
    expect(list).not.toContain(camille.userId);
  });
});
