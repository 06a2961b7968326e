import { ask, FRIDAY, refuse, type Family } from "./cases.ts";

/** Not a date, or two readings: nothing may be saved. */
export const unclear: Family = {
  name: "flou, pas une date",
  groups: [
    {
      now: FRIDAY,
      cases: [
        refuse("Réunion du bureau"),
        refuse("Loto demain 18h"),
        refuse("bientôt Réunion"),
        refuse("un de ces jours Apéro"),
        ask("samedi ou dimanche 18h Réunion"),
        ask("jeudi 25 ou vendredi 26 18h Réunion"),
        ask("demain 18h ou 19h Réunion"),
        ask("demain 18h 19h Réunion"),
        ask("mardi 23 Réunion 18h"),
        ask("demain Réunion"),
        ask("jeudi Réunion"),
        ask("le 25 Réunion"),
        refuse("hier soir 20h Film"),
        refuse("jeudi dernier 18h Réunion"),
      ],
    },
  ],
};
