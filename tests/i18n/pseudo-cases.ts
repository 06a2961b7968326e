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
  /** What the reply may show that no fixed string can name, such as a random feed token. */
  readonly matching?: readonly RegExp[];
  /**
   * The sender is centre staff, typing in the staff room ("staff room"), in another room while a
   * staff room is configured ("elsewhere"), or in a Minou with none ("no staff room"). Besides the
   * test room, Minou is then in one association room, ASSOCIATION_ROOM.
   */
  readonly staff?: "staff room" | "elsewhere" | "no staff room";
  /**
   * Lines typed first, in the same room (their replies are not checked): by a moderator, or by the
   * same staff sender in a staff case (a preview before its confirmation).
   */
  readonly before?: readonly string[];
}

/** The association room a staff announcement goes to in these cases, named by its id. */
export const ASSOCIATION_ROOM = "!club:x";
export const STAFF = "@equipe:x";
/** A date in the future of the test clock (1 January 1970), as Intl writes it, and its zone. */
const TOMORROW_6PM = ["vendredi 2 janvier 1970", "18:00", "heure de Paris"];

export const MEMBER = "@camille:x";

// The test clock is Thursday 1 January 1970: weekdays and months below are Intl's.
const EVENT = "!agenda ajouter jeudi 18h Réunion du bureau";
const EVENT_WITH_PLACE = "!agenda ajouter jeudi 18h Réunion du bureau @ Salle des fêtes";
const REPEATING = "!agenda ajouter tous les mardis à 18h Chorale";
const THURSDAY = ["jeu", "jeudi", "janv", "janvier"];
const TUESDAY = ["mar", "mardi", "janv", "janvier", "juin"];
const FEED_VALUES = ["https", "webcal", "minou", "tilleuls", "fr", "feeds", "agenda", "ics"];
const FEED_TOKEN = /\/(?:feeds|agenda)\/[\w-]+/gu;

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
    // "!aide general" waits for the privacy area: its commands are in this group (the registry's are in the catalog).
    { line: "!aide langue", sender: MODERATOR },
    { line: "!aide minou" },
    { line: "!aide langeu" },
    { line: "!aide zzzz" },
    // The test Minou's centre, and its uptime as Intl writes it ("33 minutes").
    { line: "!minou", values: ["Centre", "minutes"] },
    { line: "!about", values: ["Centre", "minutes"] },
    { line: "!langue fr", sender: MODERATOR },
  ],
  agenda: [
    { line: "!agenda" },
    { line: "!agenda semaine", before: [EVENT], values: THURSDAY },
    { line: "!agenda mois", before: [EVENT_WITH_PLACE], values: THURSDAY },
    { line: "!agenda ajouter" },
    { line: "!agenda ajouter jeudi 18h Réunion du bureau @ Salle des fêtes", values: THURSDAY },
    { line: "!agenda ajouter tous les mardis à 18h Chorale jusqu'au 30 juin", values: TUESDAY },
    { line: "!agenda ajouter samedi toute la journée Vide-grenier", values: ["samedi", "janvier"] },
    { line: "!agenda ajouter jeudi 18h" },
    { line: "!agenda ajouter bientôt Réunion" },
    { line: "!agenda ajouter samedi Vide-grenier" },
    { line: "!agenda ajouter 31/02 18h Réunion" },
    { line: "!agenda ajouter vendredi 3 janvier 18h Réunion", values: ["samedi"] },
    { line: "!agenda ajouter mardi 6 à 18h et jeudi 8 à 18h Réunion", values: TUESDAY },
    { line: "!agenda ajouter 18h Réunion jeudi" },
    { line: "!agenda ajouter jeudi 18h Réunion -- " + "x".repeat(2001) },
    { line: "!agenda voir 1" },
    { line: "!agenda voir 1", before: [REPEATING], values: [...TUESDAY, MODERATOR] },
    { line: "!agenda participants 1", before: [EVENT] },
    { line: "!agenda modifier 1 lieu Salle 2", before: [EVENT], values: THURSDAY },
    { line: "!agenda modifier 1 lieu Salle 2", sender: MODERATOR, before: [EVENT], values: THURSDAY },
    { line: "!agenda modifier 1 titre " + "x".repeat(201), sender: MODERATOR, before: [EVENT] },
    { line: "!agenda annuler 1", sender: MODERATOR, before: [EVENT] },
    { line: "!agenda annuler 1", before: [EVENT] },
    { line: "!agenda annuler 1 mardi 13 janvier", sender: MODERATOR, before: [REPEATING], values: TUESDAY },
    { line: "!agenda annuler 1 mercredi", sender: MODERATOR, before: [REPEATING] },
    { line: "!agenda déplacer 1 mardi 13 janvier vers mercredi 14 janvier 19h", sender: MODERATOR, before: [REPEATING], values: [...TUESDAY, "mercredi"] },
    { line: "!agenda déplacer 1 mardi 13 janvier", sender: MODERATOR, before: [REPEATING] },
    { line: "!agenda déplacer 1 8/12 vers 10/12 18h", sender: MODERATOR, before: [EVENT] },
    { line: "!agenda fuseau Europe/Paris", sender: MODERATOR },
    { line: "!agenda fuseau Mars/Olympus", sender: MODERATOR },
    { line: "!agenda lien", values: FEED_VALUES, matching: [FEED_TOKEN] },
    { line: "!agenda lien", sender: MODERATOR, values: FEED_VALUES, matching: [FEED_TOKEN] },
    { line: "!agenda lien renouveler", sender: MODERATOR, values: FEED_VALUES, matching: [FEED_TOKEN] },
    { line: "!agenda public 1", sender: MODERATOR, before: [EVENT], values: FEED_VALUES },
    { line: "!agenda public 1 non", sender: MODERATOR, before: [EVENT] },
    // Durations and lists as Intl writes them.
    { line: "!agenda rappels", sender: MODERATOR, values: ["jour", "heure", "et"] },
    { line: "!agenda rappels 2h 15min", sender: MODERATOR, values: ["heures", "minutes", "et"] },
    { line: "!agenda rappels bientôt", sender: MODERATOR },
    { line: "!agenda rappels 0min", sender: MODERATOR, values: ["jour", "heure", "et"] },
    { line: "!agenda rappels aucun", sender: MODERATOR },
    { line: "!agenda résumé oui", sender: MODERATOR },
    { line: "!agenda résumé non", sender: MODERATOR },
    { line: "!aide agenda" },
    { line: "!aide agenda ajouter" },
  ],
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
  // Replies that need documents in the room first: tests/i18n/pseudo-documents-registry.test.ts.
  documents: [
    { line: "!docs" },
    { line: "!documents" },
    { line: "!docs ajouter Budget 2026 https://cloud.exemple.fr/s/budget #compta" },
    { line: "!docs ajouter Budget 2026" },
    // The link typed without https://, and the scheme of a link that is not a web link.
    { line: "!docs ajouter Budget pad.exemple.fr/p/budget", values: ["https://pad.exemple.fr/p/budget"] },
    { line: "!docs ajouter Fichiers ftp://fichiers.exemple.fr/a", values: ["ftp"] },
    { line: "!docs ajouter Budget https://cloud.exemple.fr/s/b #compta!" },
    { line: "!docs chercher budget" },
    { line: "!docs modifier 1 titre Budget 2027" },
    { line: "!docs retirer 1" },
    { line: "!docs épingler" },
    // Each command's help, from its descriptor texts.
    { line: "!aide docs" },
    { line: "!aide docs ajouter" },
    { line: "!aide docs chercher" },
    { line: "!aide docs modifier" },
    { line: "!aide docs retirer" },
    { line: "!aide docs épingler" },
    { line: "!aide services" },
    // The test configuration's services.
    { line: "!services", values: ["Centre", "Pads", "https://pad.tilleuls.fr/", "écrire à plusieurs, en direct", "Cloud", "https://cloud.tilleuls.fr/", "dossiers et fichiers partagés de l'association"] },
  ],
  registry: [
    // The room's time zone as the agenda names it.
    { line: "!asso", values: ["heure de Paris"] },
    { line: "!asso nom Les Amis du Vélo", sender: MODERATOR },
    { line: "!asso nom Les Amis du Vélo" },
    { line: "!asso contact velo@exemple.fr", sender: MODERATOR },
    { line: "!asso tags culture" },
    { line: "!assos" },
    { line: "!aide asso" },
    { line: "!aide asso nom", sender: MODERATOR },
    { line: "!aide asso contact", sender: MODERATOR },
    { line: "!aide asso tags" },
    { line: "!aide assos" },
  ],
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
