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
  /**
   * The sender is centre staff, typing in the staff room ("staff room"), in another room while a
   * staff room is configured ("elsewhere"), or in a Minou with none ("no staff room"). Besides the
   * test room, Minou is then in one association room, ASSOCIATION_ROOM.
   */
  readonly staff?: "staff room" | "elsewhere" | "no staff room";
  /** Lines the same sender types first (their replies are not checked), e.g. a preview before its confirmation. */
  readonly before?: readonly string[];
}

/** The association room a staff announcement goes to in these cases, named by its id. */
export const ASSOCIATION_ROOM = "!club:x";
export const STAFF = "@equipe:x";
/** A date in the future of the test clock (1 January 1970), as Intl writes it, and its zone. */
const TOMORROW_6PM = ["vendredi 2 janvier 1970", "18:00", "heure de Paris"];

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
  trainings: [],
  onboarding: [],
  announcements: [
    { line: "!annonce Bonjour à tous", staff: "elsewhere" },
    { line: "!annonce Bonjour à tous", staff: "no staff room", values: ["staffRoom"] },
    { line: "!annonce Bonjour à tous", staff: "staff room", values: [ASSOCIATION_ROOM] },
    { line: "!annonce épingler @room programmer demain 18h -- Bonjour", staff: "staff room", values: [ASSOCIATION_ROOM, ...TOMORROW_6PM] },
    { line: "!annonce #culture Bonjour", staff: "staff room" },
    { line: "!annonce épingler --", staff: "staff room" },
    { line: "!annonce programmer tous les lundis 18h -- Bonjour", staff: "staff room" },
    { line: "!annonce programmer -- Bonjour", staff: "staff room" },
    { line: "!annonce > > > > > > > > > > > > Bonjour", staff: "staff room" },
    { line: "!annonce confirmer", staff: "staff room" },
    { line: "!annonce confirmer", staff: "staff room", before: ["!annonce Bonjour"] },
    { line: "!annonce confirmer", staff: "staff room", before: ["!annonce programmer demain 18h -- Bonjour"], values: TOMORROW_6PM },
    { line: "!annonce annuler", staff: "staff room" },
    { line: "!annonce annuler", staff: "staff room", before: ["!annonce Bonjour"] },
    { line: "!annonce annuler 99", staff: "staff room" },
    { line: "!annonce annuler 1", staff: "staff room", before: ["!annonce programmer demain 18h -- Bonjour", "!annonce confirmer"] },
    { line: "!annonce annuler 1", staff: "staff room", before: ["!annonce Bonjour", "!annonce confirmer"] },
    { line: "!annonces", staff: "staff room" },
    { line: "!annonces", staff: "staff room", before: ["!annonce programmer demain 18h -- Bonjour", "!annonce confirmer"], values: [...TOMORROW_6PM, STAFF, "Bonjour"] },
    { line: "!annonces", staff: "staff room", before: ["!annonce Bonjour", "!annonce confirmer"], values: ["Bonjour"] },
    { line: "!aide annonce", staff: "staff room" },
    { line: "!aide annonce confirmer", staff: "staff room" },
    { line: "!aide annonce annuler", staff: "staff room" },
    { line: "!aide annonces", staff: "staff room" },
  ],
  privacy: [
    { line: "!vie-privée" },
    { line: "!privacy" },
    { line: "!mes-données" },
    { line: "!mes-données effacer" },
    { line: "!mes-données effacer", staff: "staff room", before: ["!annonce Bonjour"] },
    { line: "!mes-données effacer confirmer" },
    { line: "!mes-données effacer confirmer", staff: "staff room", before: ["!annonce Bonjour"] },
    { line: "!aide mes-données" },
    { line: "!aide vie-privée" },
    { line: "!aide mes-données effacer" },
    { line: "!aide mes-données effacer confirmer" },
  ],
};
