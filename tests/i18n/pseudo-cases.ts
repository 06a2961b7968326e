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
  polls: [
    { line: "!aide sondage" },
    { line: "!aide sondage dates" },
    { line: "!aide sondage voter" },
    { line: "!aide sondage résultats" },
    { line: "!aide sondage clore" },
    { line: "!aide sondage échéance" },
    { line: "!aide sondage choisir" },
    { line: "!aide sondage export" },
    { line: '!sondage "Quand se réunir ?"' },
    { line: "!sondage Quand se réunir ? Lundi | Mardi" },
    { line: '!sondage "Quand se réunir ?" Lundi | | Mardi' },
    { line: '!sondage "Quand se réunir ?" Lundi | lundi' },
    { line: '!sondage "Quand se réunir ?" Lundi | Mardi jusqu\'à bientôt' },
    // The slots as Intl writes them ("lun. 5 janv."), and the agenda's name of the room's time zone.
    { line: "!sondage dates Réunion de rentrée ? lundi 14h, mardi 18h", values: ["lun", "mar", "janv", "heure de Paris"] },
    { line: "!sondage dates Réunion de rentrée" },
    { line: "!sondage dates Réunion de rentrée ? lundi 14h" },
    { line: "!sondage dates Réunion de rentrée ? lundi 14h, mercredi" },
    { line: "!sondage dates Réunion de rentrée ? lundi 14h, lundi 14h" },
    { line: "!sondage dates Réunion de rentrée ? lundi 14h, n'importe quand" },
    { line: "!sondage voter 1 oui non" },
    { line: "!sondage voter ABCDEF 1" },
    { line: "!sondage résultats" },
    { line: "!sondage résultats 4" },
    { line: "!sondage clore" },
    { line: "!sondage échéance vendredi 18h" },
    { line: "!sondage choisir 2" },
    { line: "!sondage choisir 4 2" },
    { line: "!sondage export 1" },
  ],
  documents: [],
  registry: [],
  trainings: [],
  onboarding: [],
  announcements: [],
  privacy: [],
};
