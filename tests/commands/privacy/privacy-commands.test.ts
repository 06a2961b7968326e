import { describe, expect, it } from "vitest";
import { mesDonnees } from "../../../commands/privacy/mes-donnees.ts";
import { mesDonneesEffacer } from "../../../commands/privacy/mes-donnees-effacer.ts";
import { mesDonneesEffacerConfirmer } from "../../../commands/privacy/mes-donnees-effacer-confirmer.ts";
import { viePrivee } from "../../../commands/privacy/vie-privee.ts";
import type { CommandResult } from "../../../src/dispatch/command.ts";
import { personalDataParts } from "../../../src/privacy/parts.ts";
import { renderMessage } from "../../../src/render/render-message.ts";
import { commandContext, FIXED_NOW } from "../../support/command-context.ts";

const ROOM = "!asso:minou.test";
const CAMILLE = "@camille:minou.test";
const bodyOf = (result: CommandResult): string => renderMessage(result.text).body.replace(/[\u00a0\u202f]/g, " ");

function contextWithData(language: "fr" | "en" = "fr") {
  const context = commandContext({ language });
  const { stores } = context;
  const event = stores.agenda.events.create(
    { roomId: ROOM, uid: "fete@test", title: "Fête des voisins", location: null, description: null, startsAt: FIXED_NOW + 86_400_000, endsAt: FIXED_NOW + 90_000_000, allDay: false, timeZone: "Europe/Paris", rrule: null, createdBy: "@dominique:minou.test" },
    FIXED_NOW,
  );
  stores.agenda.answers.record(event.id, CAMILLE, "yes", "$r", FIXED_NOW - 1000);
  stores.documents.documents.create({ roomId: ROOM, title: "Budget", url: "https://cloud.exemple.fr/b", tags: [], addedBy: CAMILLE }, FIXED_NOW);
  return { context, event };
}

describe("!mes-données / !my-data", () => {
  it("sends the file privately, as pretty UTF-8 JSON with a section per feature, and says only that in the room", () => {
    const { context } = contextWithData();
    context.stores.rooms.recordJoin(ROOM, 0);
    context.stores.roomMembers.record(ROOM, CAMILLE, "join", "Camille Martin", "CamilleMartin");
    const result = mesDonnees.execute(context, {});
    expect(result.kind).toBe("reply");
    if (result.kind !== "reply") return;
    expect(bodyOf(result)).toBe("Je vous envoie en message privé un fichier avec tout ce que je garde sur vous. Pour effacer ces données : !mes-données effacer.");
    const file = result.followUps?.[0];
    expect(file).toMatchObject({ targetUser: CAMILLE, content: { msgtype: "m.file", filename: "mes-donnees-minou-2026-11-26.json", info: { mimetype: "application/json" } } });
    const text = file?.attachment?.data.toString("utf8") ?? "";
    expect(text).toContain('\n  "format": "fr.chatons.minou.personal-data"');
    const data = JSON.parse(text) as Record<string, Record<string, unknown[]>>;
    expect(Object.keys(data)).toEqual(["format", "version", "centre", "member", "name", "exportedAt", "readMe", ...personalDataParts.map((part) => part.key)]);
    expect(data["name"]).toBe("Camille Martin");
    expect(data["agenda"]?.["answers"]).toEqual([expect.objectContaining({ title: "Fête des voisins", answer: "yes" })]);
    expect(data["documents"]?.["added"]).toEqual([expect.objectContaining({ title: "Budget" })]);
    expect(String(data["readMe"]?.["agenda"])).toMatch(/^Agenda — vos réponses/);
  });
});

describe("!mes-données effacer, then … confirmer", () => {
  it("shows what would go and changes nothing, then erases everything in one go", () => {
    const { context, event } = contextWithData();
    const preview = bodyOf(mesDonneesEffacer.execute(context, {}));
    expect(preview).toContain("Voici ce que j'effacerai, sans retour possible :");
    expect(preview).toContain("1 réponse ✅ ❓ ❌ à un événement");
    expect(preview).toContain("1 document ajouté par vous, qui reste dans la liste du salon sans votre nom");
    expect(preview).toContain("Pour confirmer, tapez !mes-données effacer confirmer");
    expect(context.stores.agenda.answers.counts(event.id).yes).toBe(1);
    expect(context.stores.privacy.erasedMembers.erasedAt(CAMILLE)).toBeUndefined();

    const done = bodyOf(mesDonneesEffacerConfirmer.execute(context, {}));
    expect(done).toMatch(/^C'est fait, vos données sont effacées :\n\n• 1 réponse/);
    expect(context.stores.agenda.answers.counts(event.id).yes).toBe(0);
    expect(context.stores.documents.documents.inRoom(ROOM)[0]?.addedBy).toBeNull();
    expect(context.stores.privacy.erasedMembers.erasedAt(CAMILLE)).toBe(FIXED_NOW);
    expect(bodyOf(mesDonneesEffacer.execute(context, {}))).toBe("Je ne garde rien sur vous : il n'y a rien à effacer.");
  });

  it("rolls everything back when one part fails: nothing is half-erased", () => {
    const { context, event } = contextWithData();
    // The documents' part fails after the agenda's and polls' parts have erased theirs.
    Object.assign(context.stores.documents.documents, { forgetMember: (): never => { throw new Error("disk full"); } });
    expect(() => mesDonneesEffacerConfirmer.execute(context, {})).toThrow("disk full");
    expect(context.stores.agenda.answers.counts(event.id).yes).toBe(1);
    expect(context.stores.privacy.erasedMembers.erasedAt(CAMILLE)).toBeUndefined();
  });

  it("speaks English in an English room", () => {
    const { context } = contextWithData("en");
    expect(bodyOf(mesDonneesEffacer.execute(context, {}))).toContain("To confirm, type !my-data erase confirm");
  });
});

describe("!vie-privée / !privacy", () => {
  it("lists what each feature keeps, with the configured retention, and how to export or erase it", () => {
    const context = commandContext();
    const body = bodyOf(viePrivee.execute({ ...context, settings: { ...context.settings, retention: { handledEventsDays: 14, pastEventsDays: 200, closedPollsDays: 60, finishedTrainingsDays: 100 } } }, {}));
    for (const heading of ["Agenda —", "Sondages —", "Formations —", "Documents —", "Fonctionnement —"]) expect(body).toContain(heading);
    expect(body).toContain("200 jours après sa dernière date");
    expect(body).toContain("60 jours après sa clôture");
    expect(body).toContain("100 jours après sa fin");
    expect(body).toContain("garde 14 jours l'identifiant des messages");
    expect(body).toContain("!mes-données vous envoie tout cela");
    expect(body).toContain("Minou ne peut pas supprimer");
    expect(body).toContain("Une question : numerique@tilleuls.fr.");
  });

  it("speaks English in an English room", () => {
    const body = bodyOf(viePrivee.execute(commandContext({ language: "en" }), {}));
    expect(body).toContain("Your data with Minou.");
    expect(body).toContain("365 days after its last date");
    expect(body).toContain("!my-data erase");
  });
});
