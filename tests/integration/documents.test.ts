import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { MatrixEvent } from "matrix-js-sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Minou } from "../../src/minou.ts";
import { Member } from "../support/member.ts";
import { createScenario, roomWithMinou, startMinou, type Scenario } from "../support/scenario.ts";
import { quietPeriod, waitFor } from "../support/wait.ts";

const DAY = 86_400_000;

/** An HTTP server on a loopback address, answering `status(path)` and counting requests. */
async function localServer(host: string, status: (path: string) => { code: number; location?: string }): Promise<{ server: Server; origin: string; requests: string[] }> {
  const requests: string[] = [];
  const server = createServer((request, response) => {
    requests.push(request.url ?? "");
    const answer = status(request.url ?? "");
    response.writeHead(answer.code, answer.location === undefined ? {} : { location: answer.location });
    response.end();
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  return { server, origin: `http://${host}:${(server.address() as AddressInfo).port}`, requests };
}

describe("document links through the real bot (matrix-js-sdk members)", () => {
  let scenario: Scenario;
  let minou: Minou;
  let camille: Member;
  let dominique: Member;
  let sacha: Member;
  let roomId: string;
  let plainRoomId: string;
  let clockOffset = 0;
  let goneIsBack = false;
  // The documents' own server, on the one address the link check is allowed to contact…
  let pads: Awaited<ReturnType<typeof localServer>>;
  // …and a private one it must never reach, even through a redirect.
  let intranet: Awaited<ReturnType<typeof localServer>>;
  const body = (event: MatrixEvent): string => String(event.getContent()["body"]);

  async function ask(member: Member, command: string, room = roomId): Promise<MatrixEvent> {
    const eventId = await member.say(room, command);
    return member.waitForReply(room, eventId, scenario.bot.userId);
  }

  const fromMinou = (room: string): MatrixEvent[] => camille.timeline(room).filter((event) => event.getSender() === scenario.bot.userId);
  const isIndex = (event: MatrixEvent): boolean => (event.getContent()["fr.chatons.minou"] as { documents?: string } | undefined)?.documents === "index";
  const relation = (event: MatrixEvent): { rel_type?: string; event_id?: string } | undefined => event.getContent()["m.relates_to"] as { rel_type?: string; event_id?: string } | undefined;

  /** The index as Element shows it: its latest edit, else the original. */
  function shownIndex(room: string): { id: string; text: string } | undefined {
    const original = fromMinou(room).find((event) => isIndex(event) && relation(event) === undefined);
    if (original === undefined) return undefined;
    const id = original.getId() ?? "";
    const latest = fromMinou(room).filter((event) => relation(event)?.rel_type === "m.replace" && relation(event)?.event_id === id).at(-1);
    return { id, text: latest === undefined ? body(original) : String((latest.getContent()["m.new_content"] as { body: string }).body) };
  }

  beforeAll(async () => {
    intranet = await localServer("127.0.0.1", () => ({ code: 200 }));
    pads = await localServer("127.0.0.2", (path) => {
      if (path === "/gone") return { code: goneIsBack ? 200 : 404 };
      if (path === "/redirect") return { code: 302, location: `${intranet.origin}/secret` };
      return { code: 200 };
    });
    scenario = await createScenario({
      editDebounceSeconds: 1,
      documents: { linkCheck: { allowedAddresses: ["127.0.0.2"], timeoutSeconds: 2 } },
      services: [
        { name: "Pads", url: "https://pad.tilleuls.example", description: "écrire à plusieurs, en direct" },
        { name: "Visio", url: "https://visio.tilleuls.example", description: "réunions en visio, sans compte" },
      ],
    });
    ({ minou } = await startMinou(scenario, () => Date.now() + clockOffset));
    camille = await Member.connect(scenario.homeserver, "camille");
    dominique = await Member.connect(scenario.homeserver, "dominique");
    sacha = await Member.connect(scenario.homeserver, "sacha");
    // Dominique runs the room and made Minou a moderator, which lets it pin.
    roomId = await roomWithMinou(scenario, dominique, {
      invite: [camille.userId, sacha.userId],
      power_level_content_override: { users: { [dominique.userId]: 100, [scenario.bot.userId]: 50 } },
    });
    plainRoomId = await roomWithMinou(scenario, dominique, { name: "La Chorale", invite: [camille.userId] });
    await camille.join(roomId);
    await sacha.join(roomId);
    await camille.join(plainRoomId);
  });

  afterAll(async () => {
    for (const member of [camille, dominique, sacha]) member.stop();
    await minou.stop();
    await scenario.homeserver.close();
    pads.server.close();
    intranet.server.close();
  });

  it("adds a document, sends the index and pins it since Minou is a moderator", async () => {
    const answer = await ask(camille, `!docs ajouter Budget 2026 ${pads.origin}/budget #Compta`);
    expect(body(answer)).toBe(`C'est noté : document n°1 Budget 2026 (${pads.origin}/budget) #compta.`);
    expect(answer.getContent()["formatted_body"]).toContain(`<a href="${pads.origin}/budget">Budget 2026</a>`);
    const index = await waitFor(() => shownIndex(roomId), "the index message");
    expect(index.text).toContain("📌 Documents du salon (1)");
    await waitFor(() => (scenario.homeserver.stateContent(roomId, "m.room.pinned_events")?.["pinned"] as string[] | undefined)?.includes(index.id), "the index pinned");
  });

  it("edits the index in place as the list changes, and finds documents", async () => {
    await ask(dominique, `!docs ajouter Compte rendu du bureau ${pads.origin}/bureau #bureau #équipe`);
    await ask(camille, `!docs ajouter Planning des bénévoles ${pads.origin}/planning`);
    await waitFor(() => shownIndex(roomId)?.text.includes("Documents du salon (3)"), "the index edited");
    expect(fromMinou(roomId).filter((event) => isIndex(event) && relation(event) === undefined)).toHaveLength(1);
    const list = body(await ask(sacha, "!docs"));
    expect(list).toContain(`• n°2 · Compte rendu du bureau (${pads.origin}/bureau) · #bureau #équipe · ajouté par dominique le`);
    expect(list.indexOf("#bureau")).toBeLessThan(list.indexOf("Sans étiquette"));
    const found = body(await ask(sacha, "!docs chercher EQUIPE"));
    expect(found).toContain("1 document pour « EQUIPE »");
    expect(found).toContain("n°2 · Compte rendu du bureau");
    expect(body(await ask(sacha, "!docs chercher benevoles"))).toContain("n°3 · Planning des bénévoles");
  });

  it("lets only whoever added a document, moderators and staff change or remove it", async () => {
    expect(body(await ask(sacha, "!docs retirer 1"))).toMatch(/^Le document n°1 ne peut être modifié ou retiré que par la personne qui l'a ajouté/);
    expect(body(await ask(sacha, "!docs modifier 2 titre Piraté"))).toMatch(/^Le document n°2 ne peut être modifié ou retiré que par/);
    expect(body(await ask(dominique, "!docs modifier 3 titre Planning des bénévoles 2026"))).toContain("n°3 · Planning des bénévoles 2026");
    expect(body(await ask(camille, "!docs modifier 1 tags #compta #2026"))).toContain("#compta #2026");
    expect(body(await ask(camille, "!docs retirer 3"))).toBe("Le document n°3 « Planning des bénévoles 2026 » est retiré de la liste.");
    await waitFor(() => shownIndex(roomId)?.text.includes("Documents du salon (2)"), "the index without n°3");
    expect(minou.stores.documents.documents.inRoom(roomId).map((document) => document.number)).toEqual([1, 2]);
  });

  it("refuses a duplicate link and bad links with a clear message, storing nothing", async () => {
    expect(body(await ask(sacha, `!docs ajouter Le budget ${pads.origin}/budget`))).toBe("Ce lien est déjà dans la liste : document n°1 « Budget 2026 ».");
    expect(body(await ask(sacha, "!docs ajouter Archives ftp://fichiers.tilleuls.example/archives"))).toContain("pas les liens « ftp: »");
    expect(body(await ask(sacha, "!docs ajouter Piège javascript:alert(document.cookie)"))).toContain("pas les liens « javascript: »");
    expect(body(await ask(sacha, `!docs ajouter Long ${pads.origin}/${"x".repeat(2000)}`))).toMatch(/trop long \(\d+ caractères\) : 2000 au plus/);
    expect(body(await ask(sacha, `!docs ajouter ${pads.origin}/oups #sans-titre`))).toContain("Donnez un titre au document");
    expect(minou.stores.documents.documents.inRoom(roomId)).toHaveLength(2);
  });

  it("re-pins the index on !docs épingler after someone unpinned it, keeping other pins", async () => {
    const index = shownIndex(roomId)?.id ?? "";
    const other = await dominique.say(roomId, "Bienvenue à toutes et à tous !");
    await dominique.client.sendStateEvent(roomId, "m.room.pinned_events" as never, { pinned: [other] } as never, "");
    expect(body(await ask(sacha, "!docs épingler"))).toBe("J'épingle la liste des documents du salon.");
    await waitFor(() => (scenario.homeserver.stateContent(roomId, "m.room.pinned_events")?.["pinned"] as string[]).length === 2, "the index pinned again");
    expect(scenario.homeserver.stateContent(roomId, "m.room.pinned_events")?.["pinned"]).toEqual([other, index]);
  });

  it("explains which power level pinning needs where Minou does not have it", async () => {
    const answer = body(await ask(camille, `!docs ajouter Partitions ${pads.origin}/partitions #chant`, plainRoomId));
    expect(answer).toContain("je ne peux pas l'épingler dans ce salon : tapez !docs épingler pour savoir comment m'en donner le droit.");
    await waitFor(() => shownIndex(plainRoomId), "the unpinned index");
    const explanation = body(await ask(camille, "!docs épingler", plainRoomId));
    expect(explanation).toContain("il faut le niveau de pouvoir 50 (Modérateur)");
    expect(explanation).toContain("Paramètres du salon → Rôles et permissions → Ajouter des utilisateurs privilégiés");
    expect(scenario.homeserver.stateContent(plainRoomId, "m.room.pinned_events")).toBeUndefined();
    // Each room sees only its own documents.
    expect(body(await ask(camille, "!docs", plainRoomId))).toContain("Documents du salon (1)");
    expect(body(await ask(camille, "!docs retirer 2", plainRoomId))).toContain("Il n'y a pas de document n°2 dans ce salon");
  });

  it("lists the centre's services", async () => {
    const answer = body(await ask(sacha, "!services"));
    expect(answer).toContain("• Pads (https://pad.tilleuls.example/) — écrire à plusieurs, en direct");
    expect(answer).toContain("• Visio (https://visio.tilleuls.example/) — réunions en visio, sans compte");
  });

  it("reports dead links once a week has passed, never requesting a private address, once per broken spell", async () => {
    await ask(camille, `!docs ajouter Ancien site ${pads.origin}/gone #archives`);
    await ask(camille, `!docs ajouter Raccourci ${pads.origin}/redirect`);
    const isReport = (event: MatrixEvent): boolean => body(event).startsWith("🔗 Liens à vérifier");
    clockOffset = 8 * DAY;
    await minou.tick();
    const report = await waitFor(() => fromMinou(roomId).find(isReport), "the dead-link report");
    expect(body(report)).toContain(`n°4 · Ancien site (${pads.origin}/gone) — page introuvable (erreur 404)`);
    expect(body(report)).toContain(`n°5 · Raccourci (${pads.origin}/redirect) — non vérifié : il mène à une adresse privée ou locale (127.0.0.1)`);
    expect(body(report)).not.toContain("Budget");
    expect(report.getContent()["m.mentions"]).toEqual({});
    expect(intranet.requests).toEqual([]);
    expect(pads.requests).toEqual(expect.arrayContaining(["/budget", "/bureau", "/gone", "/redirect", "/partitions"]));
    expect(fromMinou(plainRoomId).filter(isReport)).toEqual([]);

    await minou.tick();
    goneIsBack = true;
    clockOffset = 16 * DAY;
    await minou.tick();
    await quietPeriod(300);
    expect(fromMinou(roomId).filter(isReport)).toHaveLength(1);

    goneIsBack = false;
    clockOffset = 24 * DAY;
    await minou.tick();
    await waitFor(() => fromMinou(roomId).filter(isReport).length === 2, "the second report");
    const second = fromMinou(roomId).filter(isReport).at(-1);
    expect(body(second as MatrixEvent)).toContain("n°4 · Ancien site");
    // Still blocked, already reported: not repeated.
    expect(body(second as MatrixEvent)).not.toContain("Raccourci");
    expect(intranet.requests).toEqual([]);
    clockOffset = 0;
  });
});
