import { describe, expect, it } from "vitest";
import { docsAjouter } from "../../../commands/documents/ajouter.ts";
import { docsChercher } from "../../../commands/documents/chercher.ts";
import { docs } from "../../../commands/documents/docs.ts";
import { docsEpingler } from "../../../commands/documents/epingler.ts";
import { docsModifier } from "../../../commands/documents/modifier.ts";
import { docsRetirer } from "../../../commands/documents/retirer.ts";
import { services } from "../../../commands/documents/services.ts";
import type { CommandContext, CommandResult } from "../../../src/dispatch/command.ts";
import { PIN_ACTION } from "../../../src/pipeline/outbox-sender.ts";
import { renderMessage } from "../../../src/render/render-message.ts";
import { commandContext, FIXED_NOW } from "../../support/command-context.ts";

const bodyOf = (result: CommandResult): string => renderMessage(result.text).body;

/** Camille, Dominique (another member) and a moderator, in one room over the same stores. */
function room(options: { pin?: boolean; language?: "fr" | "en" } = {}) {
  const camille = commandContext(options.language === undefined ? {} : { language: options.language });
  const as = (userId: string, level: "member" | "moderator" | "staff" = "member"): CommandContext => ({
    ...commandContext({ stores: camille.stores, userId, level, ...(options.language === undefined ? {} : { language: options.language }) }),
    minouMay: { redact: true, pin: options.pin ?? true, pinLevel: 50 },
  });
  return {
    stores: camille.stores,
    camille: as("@camille:minou.test"),
    dominique: as("@dominique:minou.test"),
    moderator: as("@sacha:minou.test", "moderator"),
    staff: as("@equipe:minou.test", "staff"),
  };
}

describe("!docs ajouter", () => {
  it("adds a document, sends the index the first time and pins it when Minou may", () => {
    const { stores, camille } = room();
    const result = docsAjouter.execute(camille, { text: "Budget 2026 https://cloud.tilleuls.fr/s/Ab12 #Compta" });
    expect(result.kind).toBe("reply");
    expect(bodyOf(result)).toBe("C'est noté : document n°1 Budget 2026 (https://cloud.tilleuls.fr/s/Ab12) #compta.");
    const followUps = result.kind === "reply" ? (result.followUps ?? []) : [];
    expect(followUps).toHaveLength(1);
    expect(followUps[0]).toMatchObject({ eventType: "m.room.message", purpose: "documents.index", content: { "fr.chatons.minou": { documents: "index" } } });
    expect(String(followUps[0]?.content["body"])).toContain("Documents du salon (1)");
    expect(stores.documents.index.ofRoom(camille.room.roomId)).toMatchObject({ pinWanted: true, requestedAt: FIXED_NOW });
    const second = docsAjouter.execute(camille, { text: "Statuts https://cloud.tilleuls.fr/s/St" });
    expect(second.kind === "reply" ? second.followUps : undefined).toEqual([]);
  });

  it("accepts the link first, the title being the rest of the line", () => {
    const { stores, camille } = room();
    const result = docsAjouter.execute(camille, { text: "https://pad.exemple.org/p/cr Compte rendu AG" });
    expect(bodyOf(result)).toBe("C'est noté : document n°1 Compte rendu AG (https://pad.exemple.org/p/cr).");
    expect(stores.documents.documents.inRoom(camille.room.roomId)).toMatchObject([{ title: "Compte rendu AG", url: "https://pad.exemple.org/p/cr" }]);
  });

  it("says how to get the index pinned when Minou may not pin", () => {
    const { stores, camille } = room({ pin: false });
    const result = docsAjouter.execute(camille, { text: "Budget https://cloud.tilleuls.fr/s/Ab12" });
    expect(bodyOf(result)).toContain("je ne peux pas l'épingler dans ce salon : tapez !docs épingler pour savoir comment m'en donner le droit.");
    expect(stores.documents.index.ofRoom(camille.room.roomId).pinWanted).toBe(false);
  });

  it("refuses a duplicate link with the existing number, and bad links, changing nothing", () => {
    const { stores, camille, dominique } = room();
    docsAjouter.execute(camille, { text: "Budget https://cloud.tilleuls.fr/s/Ab12" });
    const duplicate = docsAjouter.execute(dominique, { text: "Le budget HTTPS://CLOUD.tilleuls.fr/s/Ab12 #compta" });
    expect(duplicate.kind).toBe("refusal");
    expect(bodyOf(duplicate)).toBe("Ce lien est déjà dans la liste : document n°1 « Budget ».");
    expect(bodyOf(docsAjouter.execute(camille, { text: "Fichiers ftp://fichiers.tilleuls.fr/a" }))).toContain("pas les liens « ftp: »");
    expect(bodyOf(docsAjouter.execute(camille, { text: "Piège javascript:alert(1)" }))).toContain("pas les liens « javascript: »");
    expect(bodyOf(docsAjouter.execute(camille, { text: `Long https://pad.tilleuls.fr/${"a".repeat(2000)}` }))).toContain("trop long (2024 caractères) : 2000 au plus");
    expect(bodyOf(docsAjouter.execute(camille, { text: `${"T".repeat(201)} https://pad.tilleuls.fr/t` }))).toContain("titre est trop long (201 caractères)");
    expect(bodyOf(docsAjouter.execute(camille, { text: "Budget pad.tilleuls.fr/p/budget" }))).toContain("https://pad.tilleuls.fr/p/budget");
    expect(stores.documents.documents.inRoom(camille.room.roomId)).toHaveLength(1);
  });
});

describe("!docs, !docs chercher", () => {
  function withDocuments() {
    const setup = room();
    docsAjouter.execute(setup.camille, { text: "Budget prévisionnel https://cloud.tilleuls.fr/s/b #compta #bureau" });
    docsAjouter.execute(setup.dominique, { text: "Planning des bénévoles https://pad.tilleuls.fr/p/planning #Équipe" });
    docsAjouter.execute(setup.camille, { text: "Statuts https://cloud.tilleuls.fr/s/statuts" });
    return setup;
  }

  it("lists the documents grouped by tag, with who added them and when; 'un membre' once erased", () => {
    const { stores, camille } = withDocuments();
    stores.documents.documents.forgetMember("@dominique:minou.test");
    const body = bodyOf(docs.execute(camille, {}));
    expect(body).toContain("Documents du salon (3)");
    const lines = body.split("\n");
    expect(lines.indexOf("#bureau")).toBeLessThan(lines.indexOf("#compta"));
    expect(lines.indexOf("#compta")).toBeLessThan(lines.indexOf("#équipe"));
    expect(lines.indexOf("#équipe")).toBeLessThan(lines.indexOf("Sans étiquette"));
    expect(body).toContain("• n°1 · Budget prévisionnel (https://cloud.tilleuls.fr/s/b) · #compta #bureau · ajouté par @camille:minou.test le 26 nov. 2026");
    expect(body).toContain("• n°2 · Planning des bénévoles (https://pad.tilleuls.fr/p/planning) · #équipe · ajouté par un membre le 26 nov. 2026");
  });

  it("finds documents by title or tag, whatever the accents and case", () => {
    const { camille } = withDocuments();
    expect(bodyOf(docsChercher.execute(camille, { words: "PREVISIONNEL" }))).toContain("n°1 · Budget prévisionnel");
    const byTag = bodyOf(docsChercher.execute(camille, { words: "#equipe" }));
    expect(byTag).toContain("1 document pour « #equipe »");
    expect(byTag).toContain("n°2 · Planning des bénévoles");
    expect(bodyOf(docsChercher.execute(camille, { words: "benevoles planning" }))).toContain("n°2");
    expect(bodyOf(docsChercher.execute(camille, { words: "loto" }))).toBe("Aucun document ne correspond à « loto ». Tapez !docs pour la liste complète.");
  });

  it("shows no other room's documents", () => {
    const { stores } = withDocuments();
    const elsewhere = { ...commandContext({ stores }), room: { roomId: "!autre:minou.test", name: null, language: "fr" as const, timeZone: "Europe/Paris" } };
    stores.rooms.recordJoin("!autre:minou.test", 0);
    expect(bodyOf(docs.execute(elsewhere, {}))).toContain("Aucun document dans ce salon");
    expect(bodyOf(docsChercher.execute(elsewhere, { words: "budget" }))).toContain("Aucun document ne correspond");
    expect(bodyOf(docsRetirer.execute(elsewhere, { number: 1 }))).toContain("Il n'y a pas de document n°1 dans ce salon");
  });

  it("speaks English in an English room", () => {
    const { camille } = room({ language: "en" });
    docsAjouter.execute(camille, { text: "Budget https://cloud.tilleuls.fr/s/b #accounts" });
    const body = bodyOf(docs.execute(camille, {}));
    expect(body).toContain("Room documents (1)");
    expect(body).toContain("#1 · Budget (https://cloud.tilleuls.fr/s/b) · #accounts · added by @camille:minou.test on 26 Nov 2026");
  });
});

describe("!docs retirer, !docs modifier", () => {
  it("lets whoever added a document or a moderator remove it, nobody else", () => {
    const { stores, camille, dominique, moderator, staff } = room();
    docsAjouter.execute(camille, { text: "Budget https://cloud.tilleuls.fr/s/b" });
    docsAjouter.execute(camille, { text: "Statuts https://cloud.tilleuls.fr/s/s" });
    docsAjouter.execute(dominique, { text: "Planning https://pad.tilleuls.fr/p/planning" });
    stores.documents.documents.forgetMember("@dominique:minou.test");
    expect(docsRetirer.execute(dominique, { number: 3 }).kind).toBe("refusal");
    expect(docsRetirer.execute(staff, { number: 3 }).kind).toBe("reply");
    const refused = docsRetirer.execute(dominique, { number: 1 });
    expect(refused.kind).toBe("refusal");
    expect(bodyOf(refused)).toContain("Le document n°1 ne peut être modifié ou retiré que par la personne qui l'a ajouté");
    expect(bodyOf(docsRetirer.execute(camille, { number: 1 }))).toBe("Le document n°1 « Budget » est retiré de la liste.");
    expect(docsRetirer.execute(moderator, { number: 2 }).kind).toBe("reply");
    expect(stores.documents.documents.inRoom(camille.room.roomId)).toEqual([]);
  });

  it("changes the title, link or tags, refusing a link another document has", () => {
    const { stores, camille, dominique } = room();
    docsAjouter.execute(camille, { text: "Budget https://cloud.tilleuls.fr/s/b #compta" });
    docsAjouter.execute(camille, { text: "Statuts https://cloud.tilleuls.fr/s/s" });
    expect(bodyOf(docsModifier.execute(camille, { number: 1, field: "titre", value: "Budget 2027" }))).toContain("n°1 · Budget 2027 (https://cloud.tilleuls.fr/s/b) · #compta");
    expect(bodyOf(docsModifier.execute(camille, { number: 1, field: "étiquettes", value: "#compta #2027" }))).toContain("#compta #2027");
    expect(bodyOf(docsModifier.execute(camille, { number: 1, field: "tags", value: "aucun" }))).not.toContain("#compta");
    expect(bodyOf(docsModifier.execute(camille, { number: 1, field: "lien", value: "https://cloud.tilleuls.fr/s/s" }))).toBe("Ce lien est déjà dans la liste : document n°2 « Statuts ».");
    expect(bodyOf(docsModifier.execute(camille, { number: 1, field: "lien", value: "ftp://x.fr/b" }))).toContain("pas les liens « ftp: »");
    expect(bodyOf(docsModifier.execute(camille, { number: 1, field: "lien", value: "https://cloud.tilleuls.fr/s/b2" }))).toContain("(https://cloud.tilleuls.fr/s/b2)");
    expect(docsModifier.execute(dominique, { number: 1, field: "titre", value: "Piraté" }).kind).toBe("refusal");
    expect(stores.documents.documents.byNumber(camille.room.roomId, 1)).toMatchObject({ title: "Budget 2027", tags: [], url: "https://cloud.tilleuls.fr/s/b2" });
  });

  it("marks the index for an edit on each change", () => {
    const { stores, camille } = room();
    docsAjouter.execute(camille, { text: "Budget https://cloud.tilleuls.fr/s/b" });
    const index = stores.documents.index.ofRoom(camille.room.roomId);
    stores.documents.index.recordSent(index.id, "$index");
    expect(stores.documents.index.hasPending()).toBe(false);
    docsModifier.execute(camille, { number: 1, field: "titre", value: "Budget 2027" });
    expect(stores.documents.index.dirtySince(FIXED_NOW)).toEqual([index.id]);
  });
});

describe("!docs épingler", () => {
  it("explains the power level Minou needs, and how to grant it in Element", () => {
    const { camille } = room({ pin: false });
    const result = docsEpingler.execute({ ...camille, minouMay: { redact: false, pin: false, pinLevel: 50 } }, {});
    expect(result.kind).toBe("refusal");
    expect(bodyOf(result)).toContain("il faut le niveau de pouvoir 50 (Modérateur)");
    expect(bodyOf(result)).toContain("Paramètres du salon → Rôles et permissions");
  });

  it("pins the sent index, or sends one to be pinned", () => {
    const { stores, camille } = room({ pin: false });
    const fresh = docsEpingler.execute({ ...camille, minouMay: { redact: true, pin: true, pinLevel: 50 } }, {});
    const index = fresh.kind === "reply" ? fresh.followUps?.[0] : undefined;
    expect(index).toMatchObject({ purpose: "documents.index" });
    expect(String(index?.content["body"])).toContain("Aucun document pour l'instant.");
    expect(stores.documents.index.ofRoom(camille.room.roomId).pinWanted).toBe(true);
    stores.documents.index.recordSent(Number(index?.purposeRef), "$index");
    const again = docsEpingler.execute({ ...camille, minouMay: { redact: true, pin: true, pinLevel: 50 } }, {});
    expect(again.kind === "reply" ? again.followUps : undefined).toEqual([{ eventType: PIN_ACTION, content: { event_id: "$index" } }]);
  });
});

describe("!services", () => {
  it("lists the centre's services from the configuration", () => {
    const body = bodyOf(services.execute(commandContext(), {}));
    expect(body).toContain("Centre social Les Tilleuls — services en ligne");
    expect(body).toContain("• Pads (https://pad.tilleuls.fr/) — écrire à plusieurs, en direct");
    const none = commandContext();
    expect(bodyOf(services.execute({ ...none, settings: { ...none.settings, services: [] } }, {}))).toContain("n'a pas encore indiqué ses services");
  });
});
