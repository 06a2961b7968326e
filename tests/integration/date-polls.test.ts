import type { MatrixEvent } from "matrix-js-sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Minou } from "../../src/minou.ts";
import { Member } from "../support/member.ts";
import { createScenario, roomWithMinou, startMinou, type Scenario } from "../support/scenario.ts";
import { quietPeriod, waitFor } from "../support/wait.ts";

/** Monday 30 November 2026, 10:00 in Paris. */
const NOW = Date.UTC(2026, 10, 30, 9, 0);

describe("date polls and anonymous polls through the real bot", () => {
  let scenario: Scenario;
  let minou: Minou;
  let camille: Member;
  let dominique: Member;
  let roomId: string;
  // A clock anchored on NOW that still moves, as debounced edits need time to pass.
  let anchor = NOW;
  const started = Date.now();
  const now = (): number => anchor + (Date.now() - started);
  const body = (event: MatrixEvent): string => String(event.getContent()["body"]).replace(/[\u00a0\u202f]/g, " ");

  async function ask(member: Member, command: string, room = roomId): Promise<string> {
    const eventId = await member.say(room, command);
    return body(await member.waitForReply(room, eventId, scenario.bot.userId));
  }

  /** What Element shows for a message Minou keeps editing. */
  const shown = (eventId: string): string => camille.shownText(roomId, eventId).replace(/[\u00a0\u202f]/g, " ");

  async function react(member: Member, target: string, key: string): Promise<string> {
    const { event_id: eventId } = await member.client.sendEvent(roomId, "m.reaction" as never, { "m.relates_to": { rel_type: "m.annotation", event_id: target, key } } as never);
    return eventId;
  }

  beforeAll(async () => {
    scenario = await createScenario({ editDebounceSeconds: 1 });
    ({ minou } = await startMinou(scenario, now));
    camille = await Member.connect(scenario.homeserver, "camille");
    dominique = await Member.connect(scenario.homeserver, "dominique");
    roomId = await roomWithMinou(scenario, dominique, { invite: [camille.userId] });
    await camille.join(roomId);
  });

  afterAll(async () => {
    camille.stop();
    dominique.stop();
    await minou.stop();
    await scenario.homeserver.close();
  });

  it("refuses duplicate or past slots", async () => {
    expect(await ask(camille, '!sondage dates "Réunion" mardi 18h | 1/12 18h')).toMatch(/Le créneau 2 \(« 1\/12 18h »\) tombe au même moment qu'un autre/);
    expect(await ask(camille, '!sondage dates "Réunion" hier 18h | mardi 18h')).toMatch(/^Le créneau 1 \(« hier 18h »\) est déjà passé/);
  });

  it("posts a summary and one message per slot, counts reactions and one-line votes, and edits the summary live", async () => {
    const summary = await ask(camille, '!sondage dates "Réunion de rentrée" mardi 18h | jeudi 18h30 | samedi 10h jusqu\'à vendredi');
    expect(summary).toMatch(/^📊 Réunion de rentrée — sondage de dates n°1/);
    const poll = await waitFor(() => {
      const candidate = minou.stores.polls.polls.byNumber(roomId, 1);
      return candidate?.summaryEventId !== null && candidate?.options.every((option) => option.messageEventId !== null) ? candidate : undefined;
    }, "the slot messages");
    const slots = poll.options.map((option) => option.messageEventId ?? "");
    expect(body(camille.timeline(roomId).find((event) => event.getId() === slots[1]) as MatrixEvent)).toContain("créneau 2 : jeu. 3 déc., 18:30–19:30");
    const withdrawn = await react(camille, slots[0] ?? "", "✅");
    await react(camille, slots[1] ?? "", "❓️");
    await react(dominique, slots[1] ?? "", "✅");
    await camille.client.redactEvent(roomId, withdrawn);
    expect(await ask(dominique, "!sondage voter 1 non oui sibesoin")).toBe("C'est noté pour « Réunion de rentrée » : 1 ❌ · 2 ✅ · 3 ❓. Vous pouvez changer d'avis jusqu'à la clôture : votez simplement à nouveau.");
    expect(await ask(dominique, "!sondage voter 1 oui")).toMatch(/Donnez une réponse par créneau, dans l'ordre \(3 créneaux\)/);
    const summaryId = poll.summaryEventId ?? "";
    await waitFor(() => shown(summaryId).includes("2. jeu. 3 déc., 18:30–19:30 ⭐ | 1 | 1 | 0") || undefined, "the live table");
    expect(shown(summaryId)).toContain("1. mar. 1 déc., 18:00–19:00 | 0 | 0 | 1");
    expect(shown(summaryId)).toContain("2. ✅ dominique, ❓ camille");
    expect(shown(summaryId)).toContain("Clôture : vendredi 4 décembre, fin de journée (heure de Paris).");
  });

  it("turns the chosen slot into an agenda event with the voters' answers and reminders", async () => {
    expect(await ask(camille, "!sondage choisir 9")).toMatch(/a des créneaux numérotés de 1 à 3/);
    const announcement = await ask(camille, "!sondage choisir 2");
    expect(announcement).toMatch(/📅 Réunion de rentrée \(n°1\)\njeudi 3 décembre 2026, 18:30–19:30 \(heure de Paris\)/);
    expect(announcement).toContain("✅ 1 · ❓ 1 · ❌ 0");
    const event = minou.stores.agenda.events.byNumber(roomId, 1);
    expect(minou.stores.agenda.answers.answers(event?.id ?? 0).map((answer) => `${answer.userId}=${answer.answer}`).sort()).toEqual([`${camille.userId}=maybe`, `${dominique.userId}=yes`]);
    expect(await ask(camille, "!sondage voter 1 oui oui oui")).toBe("Le sondage n°1 est clos : il n'accepte plus de réponses.");
    anchor = (event?.startsAt ?? 0) - 3_600_000 + 1_000 - (Date.now() - started);
    await minou.tick();
    const reminder = await waitFor(() => camille.timeline(roomId).find((candidate) => body(candidate).startsWith("⏰ Rappel : Réunion de rentrée")), "the reminder");
    expect((reminder.getContent()["m.mentions"] as { user_ids: string[] }).user_ids.sort()).toEqual([camille.userId, dominique.userId].sort());
    expect(reminder.getContent()["msgtype"]).toBe("m.text");
    anchor = NOW;
  });

  it("exports the answers as a CSV file Element can download", async () => {
    await ask(camille, "!sondage export 1");
    const file = await waitFor(() => camille.timeline(roomId).find((event) => event.getContent()["msgtype"] === "m.file"), "the CSV file");
    expect(file.getContent()).toMatchObject({ body: "sondage-1.csv", info: { mimetype: "text/csv" } });
    const [server, mediaId] = String(file.getContent()["url"]).replace("mxc://", "").split("/");
    const response = await fetch(`${scenario.homeserver.url}/_matrix/media/v3/download/${server}/${mediaId}`);
    const bytes = Buffer.from(await response.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const csv = bytes.subarray(3).toString("utf8");
    expect(csv.split("\r\n")[0]).toBe('Nom,Identifiant Matrix,"1. mar. 1 déc., 18:00–19:00","2. jeu. 3 déc., 18:30–19:30","3. sam. 5 déc., 10:00–11:00"'.replace(/ /g, (space) => space));
    expect(csv).toContain(`dominique,'${dominique.userId},non,oui,si besoin`);
  });

  it("takes anonymous votes by direct message, shows only totals, and forgets who voted at close", async () => {
    const summary = await ask(dominique, '!sondage "Nouveau local ?" Rue Hoche | Place du marché anonyme');
    const code = /sondage voter ([A-Z2-9]{6}) 1/.exec(summary)?.[1] ?? "";
    expect(code).toMatch(/^[A-Z2-9]{6}$/);
    expect(await ask(camille, `!sondage voter ${code} 1`)).toMatch(/Pour garder votre vote secret, envoyez-le-moi en message privé/);
    const direct = await camille.createRoom({ is_direct: true, preset: "trusted_private_chat" as never, invite: [scenario.bot.userId] });
    await waitFor(() => scenario.homeserver.stateContent(direct, "m.room.member", scenario.bot.userId)?.["membership"] === "join", "Minou in the DM");
    expect(await ask(camille, `!sondage voter ${code.toLowerCase()} 2`, direct)).toMatch(/^C'est noté pour « Nouveau local \? » : réponse 2/);
    expect(await ask(camille, `!sondage voter ${code} 1`, direct)).toMatch(/réponse 1/);
    // Answers to what the member just typed, even in private: notices, which never notify.
    expect(camille.messagesFrom(direct, scenario.bot.userId).map((event) => event.getContent()["msgtype"])).toEqual(["m.notice", "m.notice"]);
    const poll = minou.stores.polls.polls.byNumber(roomId, 2);
    await waitFor(() => /Rue Hoche : 1 voix/.test(shown(poll?.summaryEventId ?? "")) || undefined, "the anonymous totals");
    expect(shown(poll?.summaryEventId ?? "")).not.toContain(camille.userId);

    // The code is no secret once shared: only the poll room's members, joined at voting time, vote.
    const sacha = await Member.connect(scenario.homeserver, "sacha");
    try {
      const sachaDirect = await sacha.createRoom({ is_direct: true, preset: "trusted_private_chat" as never, invite: [scenario.bot.userId] });
      await waitFor(() => scenario.homeserver.stateContent(sachaDirect, "m.room.member", scenario.bot.userId)?.["membership"] === "join", "Minou in sacha's DM");
      expect(await ask(sacha, `!sondage voter ${code} 1`, sachaDirect)).toBe("Seuls les membres du salon de ce sondage peuvent y voter, et vous n'en faites pas partie. Rejoignez le salon, puis renvoyez votre vote.");
      await dominique.client.invite(roomId, sacha.userId);
      await sacha.join(roomId);
      expect(await ask(sacha, `!sondage voter ${code} 1`, sachaDirect)).toMatch(/^C'est noté pour « Nouveau local \? » : réponse 1/);
      await sacha.client.leave(roomId);
      expect(await ask(sacha, `!sondage voter ${code} 2`, sachaDirect)).toMatch(/^Seuls les membres du salon de ce sondage peuvent y voter/);
    } finally {
      sacha.stop();
    }
    await waitFor(() => /Rue Hoche : 2 voix/.test(shown(poll?.summaryEventId ?? "")) || undefined, "sacha's vote counted once");

    expect(await ask(dominique, "!sondage clore 2")).toBe("Le sondage n°2 est clos.");
    const result = await waitFor(() => camille.timeline(roomId).find((event) => body(event).includes("Réponse en tête : Rue Hoche")), "the result");
    // Closed by a command: its author is watching, the result pings nobody.
    expect(result.getContent()).toMatchObject({ msgtype: "m.notice", "m.mentions": {} });
    expect(minou.stores.polls.votes.votes(poll?.id ?? 0)).toEqual([]);
    expect(minou.stores.polls.votes.finalCounts(poll?.id ?? 0)).toEqual([{ position: 1, answer: "yes", count: 2 }]);
    await quietPeriod(1_200);
    expect(shown(poll?.summaryEventId ?? "")).toContain("Sondage clos.");
  });
});
