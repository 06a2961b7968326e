import { MODERATOR } from "../support/dispatching.ts";

/** A command line typed in the room, by whom (a member unless said otherwise). */
export interface PseudoCase {
  readonly line: string;
  readonly sender?: string;
  /**
   * Placeholder values the reply may show outside ⟦…⟧ besides the words typed, command names and
   * choices: what comes from the settings or from Intl (dates, durations), e.g. "Centre".
   */
  readonly values?: readonly string[];
}

export const MEMBER = "@camille:x";

/**
 * The commands whose replies must come entirely from the catalog, per area. Moving an area to the
 * catalog? Add its lines here: the pseudo-locale test runs each through the real dispatcher and
 * fails on any word that did not come from locales/fr/*.json.
 */
export const PSEUDO_CASES: Readonly<Record<string, readonly PseudoCase[]>> = {
  runtime: [
    { line: "!commande-inconnue" },
    { line: "!langue fr", sender: MEMBER },
    { line: "!langue", sender: MODERATOR },
    { line: "!langue klingon", sender: MODERATOR },
    { line: "!langue fr en", sender: MODERATOR },
  ],
  general: [
    { line: "!aide" },
    { line: "!aide", sender: MODERATOR },
    // "!aide general" waits for the privacy and registry areas: their commands are in this group.
    { line: "!aide langue", sender: MODERATOR },
    { line: "!aide minou" },
    { line: "!aide langeu" },
    { line: "!aide zzzz" },
    // The test Minou's centre, and its uptime as Intl writes it ("33 minutes").
    { line: "!minou", values: ["Centre", "minutes"] },
    { line: "!about", values: ["Centre", "minutes"] },
    { line: "!langue fr", sender: MODERATOR },
  ],
  agenda: [],
  polls: [],
  documents: [],
  registry: [],
  // Each line runs on empty stores with no staff: the staff's replies on a real session, the
  // announcements and the direct messages are in tests/i18n/pseudo-trainings-onboarding.test.ts.
  trainings: [
    { line: "!formations" },
    { line: "!mes-formations" },
    // The command a reply suggests, whole: the word "formation" typed would cut it in two.
    { line: "!formation inscrire 1", values: ["!formations"] },
    { line: "!formation annuler-inscription 1", values: ["!formations"] },
    { line: "!formation confirmer 1", values: ["!formations"] },
    { line: '!formation créer "Initiation" jeudi 14h places:10', sender: MODERATOR },
    { line: "!formation session 1 jeudi 14h places:10", sender: MODERATOR },
    { line: "!formation modifier 1 places 12", sender: MODERATOR },
    { line: "!formation annuler 1", sender: MODERATOR },
    { line: "!formation participants 1", sender: MODERATOR },
    { line: "!formation export 1", sender: MODERATOR },
    { line: "!aide formation créer", sender: MODERATOR },
    { line: "!aide formation session", sender: MODERATOR },
    { line: "!aide formation modifier", sender: MODERATOR },
    { line: "!aide formation inscrire" },
  ],
  onboarding: [
    { line: "!faq" },
    { line: "!faq", sender: MODERATOR },
    { line: "!faq pad" },
    { line: "!faq ajouter \"Où est le pad ?\" Dans les documents", sender: MODERATOR },
    { line: "!faq ajouter sans guillemets", sender: MODERATOR },
    { line: "!faq retirer 3", sender: MODERATOR },
    { line: "!faq retirer trois", sender: MODERATOR },
    { line: "!faq retirer C2", sender: MODERATOR },
    { line: "!faq ajouter-centre \"Horaires ?\" 9h-18h", sender: MODERATOR },
    // The newcomer's pill in the preview reads as their Matrix ID.
    { line: "!bienvenue aperçu", values: [MEMBER] },
    { line: "!bienvenue définir Présentez-vous !", sender: MODERATOR, values: ["!bienvenue aperçu"] },
    { line: "!bienvenue off", sender: MODERATOR },
    { line: "!bienvenue on", sender: MODERATOR },
    { line: "!bienvenue guide oui", sender: MODERATOR },
    { line: "!bienvenue guide non", sender: MODERATOR },
    { line: "!premiers-pas" },
    { line: "!aide faq ajouter", sender: MODERATOR },
    { line: "!aide bienvenue définir", sender: MODERATOR },
    { line: "!aide faq retirer", sender: MODERATOR },
  ],
  announcements: [],
  privacy: [],
};
