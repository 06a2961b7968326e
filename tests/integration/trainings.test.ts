import ICAL from "ical.js";
import type { MatrixEvent } from "matrix-js-sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Minou } from "../../src/minou.ts";
import { Member } from "../support/member.ts";
import { createScenario, roomWithMinou, startMinou, type Scenario } from "../support/scenario.ts";
import { quietPeriod, waitFor } from "../support/wait.ts";

const HOUR = 3_600_000;
/** Monday 30 November 2026, 10:00 in Paris. */
const NOW = Date.UTC(2026, 10, 30, 9, 0);

describe("training sign-ups through the real bot", () => {
  let scenario: Scenario;
  let minou: Minou;
  let equipe: Member;
  const members: Record<string, Member> = {};
  let roomId: string;
  let anchor = NOW;
  const started = Date.now();
  const now = (): number => anchor + (Date.now() - started);
  const body = (event: MatrixEvent): string => String(event.getContent()["body"]).replace(/[\u00a0\u202f]/g, " ");

  async function ask(member: Member, command: string): Promise<string> {
    const eventId = await member.say(roomId, command);
    return body(await member.waitForReply(roomId, eventId, scenario.bot.userId));
  }

  /** What Minou wrote to a member in private, oldest first. */
  function directMessages(member: Member): string[] {
    // Encrypted, as every DM Minou opens: read through the member's own client.
    return member
      .textsFrom(minou.stores.directRooms.roomOf(member.userId), scenario.bot.userId)
      .map((text) => text.replace(/[\u00a0\u202f]/g, " "))
      // The getting-started guide every newcomer gets is not about trainings.
      .filter((text) => !text.startsWith("Bienvenue sur la messagerie"));
  }

  /** Every DM Minou starts must notify: an m.text (a notice never does) that mentions the member. */
  function expectNotifyingDirectMessages(member: Member): void {
    const events = member.messagesFrom(minou.stores.directRooms.roomOf(member.userId), scenario.bot.userId);
    expect(events.length).toBeGreaterThan(0);
    for (const event of events) expect(event.getContent(), String(event.getContent()["body"])).toMatchObject({ msgtype: "m.text", "m.mentions": { user_ids: [member.userId] } });
  }

  beforeAll(async () => {
    scenario = await createScenario({ editDebounceSeconds: 1 });
    ({ minou } = await startMinou(scenario, now));
    equipe = await Member.connect(scenario.homeserver, "equipe");
    for (const name of ["camille", "dominique", "sacha", "alex", "lou"]) members[name] = await Member.connect(scenario.homeserver, name, { encryption: true, acceptInvitesFrom: scenario.bot.userId });
    roomId = await roomWithMinou(scenario, equipe, { invite: Object.values(members).map((member) => member.userId) });
    for (const member of Object.values(members)) await member.join(roomId);
  });

  afterAll(async () => {
    for (const member of [equipe, ...Object.values(members)]) member.stop();
    await minou.stop();
    await scenario.homeserver.close();
  });

  const m = (name: string): Member => members[name] as Member;

  it("lets only the centre's staff create trainings, with a sensible capacity", async () => {
    expect(await ask(m("camille"), '!formation créer "Atelier" jeudi 14h places:5')).toMatch(/^Désolé, !formation créer est réservée à l'équipe du centre/);
    expect(await ask(equipe, '!formation créer "Atelier" jeudi 14h places:0')).toBe("Il faut au moins une place (places:0 n'est pas possible).");
    expect(await ask(equipe, '!formation créer "Atelier" hier 14h places:5')).toMatch(/déjà passée/);
    const announcement = await ask(equipe, '!formation créer "Initiation Nextcloud" jeudi 3 décembre 14h-16h places:2 lieu:"Salle 2" confirmation:48h -- Apportez votre ordinateur');
    expect(announcement).toMatch(/^🎓 n°1 · Initiation Nextcloud — jeu\. 3 déc\., 14:00–16:00 \(heure de Paris\) — 📍 Salle 2 — 2 places restantes sur 2/);
    expect(announcement).toContain("Apportez votre ordinateur");
  });

  it("fills the seats by ✅ and by command, then a waiting list of three, in order", async () => {
    const announcementId = await waitFor(() => minou.stores.trainings.trainings.session(1)?.announcementEventId ?? undefined, "the announcement recorded");
    const { event_id: reaction } = await m("camille").client.sendEvent(roomId, "m.reaction" as never, { "m.relates_to": { rel_type: "m.annotation", event_id: announcementId, key: "✅" } } as never);
    await waitFor(() => minou.stores.trainings.registrations.of(1, m("camille").userId)?.status === "registered", "camille's sign-up by reaction");
    expect(await ask(m("dominique"), "!formation inscrire 1")).toMatch(/^C'est noté : votre place à « Initiation Nextcloud » est réservée, le jeudi 3 décembre de 14:00 à 16:00 \(heure de Paris\)\./);
    expect(await ask(m("sacha"), "!formation inscrire 1")).toMatch(/vous êtes n°1 sur la liste d'attente/);
    expect(await ask(m("alex"), "!formation inscrire 1")).toMatch(/n°2 sur la liste d'attente/);
    expect(await ask(m("lou"), "!formation inscrire n°1")).toMatch(/n°3 sur la liste d'attente/);
    expect(await ask(m("lou"), "!formation inscrire 1")).toBe("Vous êtes déjà sur la liste d'attente (n°3).");
    expect(await ask(m("camille"), "!formations")).toContain("n°1 · Initiation Nextcloud — jeu. 3 déc., 14:00–16:00 (heure de Paris) — 📍 Salle 2 — complet · 3 en attente");
    expect(await ask(m("camille"), "!formation participants 1")).toMatch(/^Désolé/);
    const roster = await ask(equipe, "!formation participants 1");
    expect(roster).toMatch(/Inscrits\n+1\. camille — .*\n2\. dominique — /);
    expect(roster).toMatch(/Liste d'attente\n+1\. sacha — .*\n2\. alex — .*\n3\. lou — /);

    // Two cancellations: removing the ✅, then by command. Promotions follow the queue, each told privately.
    await m("camille").client.redactEvent(roomId, reaction);
    await waitFor(() => minou.stores.trainings.registrations.of(1, m("sacha").userId)?.status === "offered", "sacha promoted");
    expect(await ask(m("dominique"), "!formation annuler-inscription 1")).toMatch(/votre inscription à « Initiation Nextcloud » est annulée/);
    expect(await ask(m("dominique"), "!formation annuler-inscription 1")).toBe("Vous n'avez ni place ni rang d'attente à la session n°1. Vos inscriptions : !mes-formations");
    await waitFor(() => directMessages(m("alex")).length === 1 || undefined, "alex's message");
    expect(directMessages(m("sacha"))).toEqual([expect.stringMatching(/^Bonne nouvelle : une place s'est libérée pour « Initiation Nextcloud ».* Confirmez dans les 48 heures avec !formation confirmer 1/)]);
    expect(directMessages(m("lou"))).toEqual([]);
    expectNotifyingDirectMessages(m("sacha")); // the seat offer, with its 48-hour window
    expect(await ask(m("sacha"), "!formation confirmer 1")).toMatch(/^Merci, c'est confirmé/);
    expect(await ask(m("sacha"), "!mes-formations")).toContain("Initiation Nextcloud (n°1), jeu. 3 déc., 14:00–16:00 (heure de Paris) — place réservée");
  });

  it("passes an unconfirmed place to the next person when the window expires", async () => {
    anchor = NOW + 49 * HOUR - (Date.now() - started);
    await minou.tick();
    await waitFor(() => directMessages(m("lou")).length === 1 || undefined, "lou's promotion");
    expect(directMessages(m("alex"))[1]).toMatch(/^Le délai pour confirmer votre place à « Initiation Nextcloud » est passé/);
    expectNotifyingDirectMessages(m("alex"));
    expect(minou.stores.trainings.registrations.of(1, m("lou").userId)?.status).toBe("offered");
    expect(await ask(m("lou"), "!formation confirmer 1")).toMatch(/^Merci/);
  });

  it("exports the roster as CSV and lists the session, with places, in the centre's public feed", async () => {
    await ask(equipe, "!formation export 1");
    const file = await waitFor(() => equipe.timeline(roomId).find((event) => event.getContent()["filename"] === "formation-1.csv"), "the CSV");
    const [server, media] = String(file.getContent()["url"]).replace("mxc://", "").split("/");
    const csv = Buffer.from(await (await fetch(`${scenario.homeserver.url}/_matrix/media/v3/download/${server}/${media}`)).arrayBuffer()).subarray(3).toString("utf8");
    const lines = csv.trim().split("\r\n");
    expect(lines[0]).toBe("Nom,Identifiant Matrix,Statut,Date d'inscription,Position d'attente");
    // User ids start with "@", which spreadsheets read as a formula: the CSV neutralises it with "'".
    expect(lines.slice(1).map((line) => line.split(",").slice(1, 3).join(","))).toEqual(["'@sacha:minou.test,inscrit", "'@lou:minou.test,inscrit", "'@camille:minou.test,désinscrit", "'@dominique:minou.test,désinscrit", "'@alex:minou.test,délai dépassé"]);
    expect(lines.slice(1).map((line) => line.split(",")[0])).toEqual(["sacha", "lou", "camille", "dominique", "alex"]);
    const feed = new ICAL.Component(ICAL.parse(await (await fetch(`http://127.0.0.1:${minou.httpPort}/feeds/public.ics`)).text()));
    const session = feed.getAllSubcomponents("vevent").find((vevent) => vevent.getFirstPropertyValue("summary") === "Formation : Initiation Nextcloud");
    expect(String(session?.getFirstPropertyValue("description"))).toContain("complet");
    expect(session?.getFirstPropertyValue("location")).toBe("Salle 2");
  });

  it("reminds the registered members privately the day before, once, even across a restart", async () => {
    const start = minou.stores.trainings.trainings.session(1)?.startsAt ?? 0;
    anchor = start - 23 * HOUR - (Date.now() - started);
    await minou.tick();
    await waitFor(() => directMessages(m("lou")).some((text) => text.startsWith("⏰ Rappel")) || undefined, "lou's reminder");
    await minou.stop();
    ({ minou } = await startMinou(scenario, now));
    await minou.tick();
    await quietPeriod(500);
    for (const name of ["sacha", "lou"]) expect(directMessages(m(name)).filter((text) => text.startsWith("⏰ Rappel : la formation « Initiation Nextcloud » a lieu le jeudi 3 décembre de 14:00 à 16:00 (heure de Paris), lieu : Salle 2."))).toHaveLength(1);
    for (const name of ["camille", "dominique", "alex"]) expect(directMessages(m(name)).filter((text) => text.startsWith("⏰"))).toEqual([]);
    expectNotifyingDirectMessages(m("lou"));
  });

  it("tells everyone signed up when a session is cancelled", async () => {
    expect(await ask(equipe, "!formation annuler 1")).toMatch(/est annulée\. Les 2 personnes inscrites ou en attente en sont prévenues en message privé/);
    await waitFor(() => directMessages(m("lou")).some((text) => text.includes("est annulée")) || undefined, "the cancellation message");
    expect(directMessages(m("sacha")).at(-1)).toMatch(/^La session « Initiation Nextcloud » prévue le jeudi 3 décembre de 14:00 à 16:00 \(heure de Paris\) est annulée par equipe\. Pour toute question, adressez-vous à equipe ou à l'équipe du centre\.$/);
    expectNotifyingDirectMessages(m("sacha"));
    expect(await ask(m("camille"), "!formation inscrire 1")).toBe("Cette session est annulée. Les formations prévues : !formations");
  });
  it("acknowledges each sign-up by ✅ with one private message, with the place on the waiting list", async () => {
    await ask(equipe, '!formation créer "Atelier mots de passe" vendredi 4 décembre 10h places:1');
    const announcementId = await waitFor(() => minou.stores.trainings.trainings.session(2)?.announcementEventId ?? undefined, "the second announcement recorded");
    const react = async (member: Member): Promise<void> => {
      await member.client.sendEvent(roomId, "m.reaction" as never, { "m.relates_to": { rel_type: "m.annotation", event_id: announcementId, key: "✅️" } } as never);
    };
    const aboutWorkshop = (member: Member): string[] => directMessages(member).filter((text) => text.includes("Atelier mots de passe"));
    await react(m("camille"));
    await waitFor(() => aboutWorkshop(m("camille")).length === 1 || undefined, "camille's acknowledgement");
    expect(await ask(m("dominique"), "!formation inscrire 2")).toMatch(/vous êtes n°1 sur la liste d'attente/);
    await react(m("alex"));
    await waitFor(() => aboutWorkshop(m("alex")).length === 1 || undefined, "alex's acknowledgement");
    await quietPeriod(500);
    expect(aboutWorkshop(m("camille"))).toEqual([expect.stringMatching(/^C'est noté : avec votre ✅, votre place à « Atelier mots de passe » est réservée, le vendredi 4 décembre de 10:00 à 12:00.* Retirez votre réaction ou tapez !formation annuler-inscription 2\.$/)]);
    expect(aboutWorkshop(m("alex"))).toEqual([expect.stringMatching(/^La session « Atelier mots de passe » est complète : avec votre ✅, vous êtes n°2 sur la liste d'attente\./)]);
    // Signed up by command: the reply in the room was the acknowledgement, no private message on top.
    expect(aboutWorkshop(m("dominique"))).toEqual([]);
    expectNotifyingDirectMessages(m("alex"));
    expect(minou.stores.trainings.registrations.of(2, m("alex").userId)?.status).toBe("waiting");
  });
});
