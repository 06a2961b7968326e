import { ask, at, FRIDAY, span, YEAR_END, type Family } from "./cases.ts";

/** "le 29 à 18h": a day of the month alone is the nearest one to come. */
export const monthDay: Family = {
  name: "le + numéro",
  groups: [
    {
      now: FRIDAY,
      cases: [
        at("le 29 à 18h Réunion", "2027-03-29 18:00", "Réunion"),
        at("le 5 à 18h Réunion", "2027-04-05 18:00", "Réunion"),
        at("le 5 18h Réunion", "2027-04-05 18:00", "Réunion"),
        at("Le 29 à 18h30 CA", "2027-03-29 18:30", "CA"),
        at("le 1er à 10h Marché", "2027-04-01 10:00", "Marché"),
        at("le 1er 10h Marché", "2027-04-01 10:00", "Marché"),
        at("le 19 à 20h Concert", "2027-03-19 20:00", "Concert"),
        at("le 20 a 14h atelier", "2027-03-20 14:00", "atelier"),
        at("le 31 à 18h Réunion", "2027-03-31 18:00", "Réunion"),
        at("le 18 à 18h Réunion", "2027-04-18 18:00", "Réunion"),
        span("le 27 de 14h à 17h Atelier", "2027-03-27 14:00", "2027-03-27 17:00", "Atelier"),
        span("le 27 14h-17h Atelier", "2027-03-27 14:00", "2027-03-27 17:00", "Atelier"),
        at("le 12 à 9h Permanence", "2027-04-12 09:00", "Permanence"),
        at("le 29 mars à 18h Réunion", "2027-03-29 18:00", "Réunion"),
        at("le 5 avril à 18h Réunion", "2027-04-05 18:00", "Réunion"),
        ask("le 29 Réunion"),
      ],
    },
    {
      now: "2027-04-05 10:00",
      cases: [
        // April has no 31st: which month?
        ask("le 31 à 18h Réunion"),
        at("le 30 à 18h Réunion", "2027-04-30 18:00", "Réunion"),
        at("le 2 à 18h Réunion", "2027-05-02 18:00", "Réunion"),
      ],
    },
    {
      now: YEAR_END,
      cases: [
        at("le 3 à 18h Réunion", "2028-01-03 18:00", "Réunion"),
        at("le 31 à 20h Réveillon", "2027-12-31 20:00", "Réveillon"),
        at("le 2 à 15h Galette", "2028-01-02 15:00", "Galette"),
      ],
    },
  ],
};
