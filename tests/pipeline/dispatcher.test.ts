import { describe, expect, it } from "vitest";
import { allCommands } from "../../commands/index.ts";
import { validateConfig } from "../../src/config/load.ts";
import { defineCommand, reply } from "../../src/dispatch/command.ts";
import { md } from "../../src/render/markdown.ts";
import type { MatrixEvent } from "../../storage/inbound-events-store.ts";
import { BOT, dispatching, ROOM } from "../support/dispatching.ts";

let counter = 0;

function message(sender: string, body: string, extra: Record<string, unknown> = {}, ts = 1_000_000 + counter): MatrixEvent {
  counter += 1;
  return { event_id: `$e${counter}`, type: "m.room.message", sender, origin_server_ts: ts, content: { msgtype: "m.text", body, ...extra } };
}

function setup(commands = allCommands, floodGuard = { maxCommands: 100, perSeconds: 10, muteSeconds: 60 }) {
  return dispatching({ commands, floodGuard, admins: ["@admin:x"], staff: ["@equipe:x"] });
}

describe("Dispatcher", () => {
  it("answers a command with a notice replying to it, mentioning nobody", async () => {
    const { handle } = setup();
    const command = message("@camille:x", "!aide");
    const [answer] = await handle(command);
    expect(answer?.content).toMatchObject({
      msgtype: "m.notice",
      format: "org.matrix.custom.html",
      "m.relates_to": { "m.in_reply_to": { event_id: command.event_id } },
      "m.mentions": {},
    });
    expect(answer?.body).toContain("Voici ce que je sais faire");
  });

  it("answers in the thread the command was typed in", async () => {
    const { handle } = setup();
    const command = message("@camille:x", "Minou : aide", { "m.relates_to": { rel_type: "m.thread", event_id: "$root", is_falling_back: true, "m.in_reply_to": { event_id: "$last" } } });
    const [answer] = await handle(command);
    expect(answer?.content["m.relates_to"]).toEqual({ rel_type: "m.thread", event_id: "$root", is_falling_back: false, "m.in_reply_to": { event_id: command.event_id } });
  });

  it("checks permissions once, from power levels and the configured staff and admins", async () => {
    const { handle, stores } = setup();
    const [refused] = await handle(message("@camille:x", "!langue en"));
    expect(refused?.body).toBe(
      "Désolé, !langue est réservée aux modérateurs du salon (niveau de pouvoir 50 ou plus), à l'équipe du centre et aux administrateurs. Un modérateur du salon peut la lancer pour vous.",
    );
    expect(stores.rooms.get(ROOM)?.language).toBeNull();
    for (const sender of ["@modo:x", "@equipe:x", "@admin:x"]) {
      const [accepted] = await setup().handle(message(sender, "!language en"));
      expect(accepted?.body).toBe("Noted: I will speak English in this room.");
    }
  });

  it("suggests the closest command for a typo and explains bad arguments with the usage", async () => {
    const { handle } = setup();
    const [typo, badArgument] = await handle(message("@camille:x", "!aidee"), message("@modo:x", "!langue de"));
    expect(typo?.body).toBe("Je ne connais pas la commande !aidee. Vouliez-vous dire !aide ?");
    expect(badArgument?.body).toBe("« de » n'est pas possible pour langue : choisissez parmi fr, en. Utilisation : !langue <fr|en>");
  });

  it("ignores its own messages, edits, and conversation", async () => {
    const { handle } = setup();
    const replies = await handle(
      message(BOT, "!aide"),
      message("@camille:x", "* !aide", { "m.new_content": { msgtype: "m.text", body: "!aide" }, "m.relates_to": { rel_type: "m.replace", event_id: "$old" } }),
      message("@camille:x", "Bonjour tout le monde"),
    );
    expect(replies).toEqual([]);
  });

  it("takes no state event for a message, whatever its type: no client shows one as a command", async () => {
    const { handle } = setup();
    expect(await handle({ ...message("@modo:x", "!langue en"), state_key: "" })).toEqual([]);
  });

  it("does not answer a command redacted before its turn, even delivered with its content", async () => {
    const { handle, stores } = setup();
    const command = message("@camille:x", "!minou");
    const redaction: MatrixEvent = { event_id: "$redaction", type: "m.room.redaction", sender: "@camille:x", origin_server_ts: command.origin_server_ts + 1, redacts: command.event_id, content: {} };
    expect(await handle(command, redaction)).toEqual([]);
    expect(stores.inbound.outcomeOf(command.event_id)).toBe("redacted");
    const served = { ...message("@camille:x", "!minou"), content: {}, unsigned: { redacted_because: redaction } };
    expect(await handle(served)).toEqual([]);
  });

  it("answers each command once, even when the same event is delivered again", async () => {
    const { handle } = setup();
    const command = message("@camille:x", "!minou");
    expect(await handle(command)).toHaveLength(1);
    expect(await handle(command)).toHaveLength(0);
  });

  it("rolls back a command that fails, apologises with a reference, and logs it", async () => {
    const failing = defineCommand({
      names: { fr: ["casse"], en: ["break"] },
      group: "general",
      summary: { fr: "x", en: "x" },
      args: [],
      permission: "member",
      execute: ({ stores, room }) => {
        stores.rooms.setName(room.roomId, "changé à moitié");
        throw new Error("bug");
      },
    });
    const { handle, stores, lines } = setup([...allCommands, failing]);
    const [apology] = await handle(message("@camille:x", "!casse"));
    expect(apology?.body).toMatch(/^Oups, quelque chose s'est mal passé de mon côté et rien n'a été modifié\. .*référence [0-9a-f]{8}\.$/);
    expect(stores.rooms.get(ROOM)?.name).toBeNull();
    expect(lines.join("\n")).toMatch(/command failed.*"command":"casse".*bug/);
  });

  it("warns a member who floods once, then ignores them for a while, without affecting others", async () => {
    const { handle } = setup(allCommands, { maxCommands: 2, perSeconds: 60, muteSeconds: 60 });
    const replies = await handle(
      message("@camille:x", "!minou", {}, 1000),
      message("@camille:x", "!minou", {}, 2000),
      message("@camille:x", "!minou", {}, 3000),
      message("@camille:x", "!minou", {}, 4000),
      message("@dominique:x", "!minou", {}, 4500),
    );
    expect(replies.map((answer) => answer.body.slice(0, 10))).toEqual(["Minou 0.0.", "Minou 0.0.", "Doucement ", "Minou 0.0."]);
  });

  it("answers a newcomer exploring the help and the lists, ten commands in 30 s, with the default flood guard", async () => {
    const { floodGuard } = validateConfig({ homeserverUrl: "https://matrix.exemple.fr", userId: "@minou:exemple.fr", allowedServers: ["exemple.fr"] });
    const { handle } = setup(allCommands, floodGuard);
    const exploring = ["!aide", "!aide agenda", "!aide sondages", "!aide documents", "!agenda", "!docs", "!sondage résultats", "!faq", "!minou", "!aide formations"];
    const replies = await handle(...exploring.map((body, i) => message("@camille:x", body, {}, 2_000_000 + i * 3000)));
    expect(replies).toHaveLength(10);
    expect(replies.filter((answer) => answer.body.startsWith("Doucement"))).toEqual([]);
  });

  it("still slows down a member sending writes past the default flood guard", async () => {
    const { floodGuard } = validateConfig({ homeserverUrl: "https://matrix.exemple.fr", userId: "@minou:exemple.fr", allowedServers: ["exemple.fr"] });
    const { handle } = setup(allCommands, floodGuard);
    const writes = Array.from({ length: 10 }, (_, i) => message("@camille:x", `!docs ajouter Document ${i} https://pad.exemple.org/p/${i}`, {}, 3_000_000 + i * 3000));
    const replies = await handle(...writes);
    const answerTo = (command: MatrixEvent) => replies.find((answer) => JSON.stringify(answer.content["m.relates_to"]) === JSON.stringify({ "m.in_reply_to": { event_id: command.event_id } }))?.body;
    expect(writes.slice(0, 8).map((command) => answerTo(command)?.startsWith("Doucement"))).toEqual(Array<boolean>(8).fill(false));
    expect(answerTo(writes[8] as MatrixEvent)).toMatch(/^Doucement/u);
    expect(answerTo(writes[9] as MatrixEvent)).toBeUndefined();
  });

  it("turns a plain reply into a rendered HTML notice without letting user text through as HTML", async () => {
    const echo = defineCommand({
      names: { fr: ["écho"], en: ["echo"] },
      group: "general",
      summary: { fr: "x", en: "x" },
      args: [{ name: "text", kind: "text", label: { fr: "texte", en: "text" } }],
      permission: "member",
      execute: (_context, { text }) => reply(md`**Vous avez dit** : ${text}`),
    });
    const { handle } = setup([...allCommands, echo]);
    const [answer] = await handle(message("@camille:x", "!echo <b>salut</b>"));
    expect(answer?.content["formatted_body"]).toBe("<p><strong>Vous avez dit</strong> : &lt;b&gt;salut&lt;/b&gt;</p>");
  });
});
