import { at, FRIDAY, refuse, span, YEAR_END, type Family } from "./cases.ts";

/** "demain", "dans 3 jours": counted from today, the hour typed kept. */
export const relativeDays: Family = {
  name: "demain, dans N jours",
  groups: [
    {
      now: FRIDAY,
      cases: [
        at("dans 3 jours 18h Réunion", "2027-03-22 18:00", "Réunion"),
        at("dans 3 jours à 18h Réunion", "2027-03-22 18:00", "Réunion"),
        at("dans une semaine 18h Réunion", "2027-03-26 18:00", "Réunion"),
        at("dans 1 semaine à 18h Réunion", "2027-03-26 18:00", "Réunion"),
        at("dans 2 jours 14h Atelier", "2027-03-21 14:00", "Atelier"),
        at("dans deux jours 14h Atelier", "2027-03-21 14:00", "Atelier"),
        at("dans 10 jours 18h Réunion", "2027-03-29 18:00", "Réunion"),
        at("dans huit jours 18h Réunion", "2027-03-26 18:00", "Réunion"),
        at("dans 8 jours 18h Réunion", "2027-03-26 18:00", "Réunion"),
        at("dans quinze jours 18h Réunion", "2027-04-02 18:00", "Réunion"),
        at("dans 15 jours 18h Réunion", "2027-04-02 18:00", "Réunion"),
        at("dans 2 semaines 18h Réunion", "2027-04-02 18:00", "Réunion"),
        at("dans un jour 18h Réunion", "2027-03-20 18:00", "Réunion"),
        at("demain 18h Réunion", "2027-03-20 18:00", "Réunion"),
        at("demain à 18h Réunion", "2027-03-20 18:00", "Réunion"),
        at("Demain 9h Marché", "2027-03-20 09:00", "Marché"),
        at("demain 9h30 Marché", "2027-03-20 09:30", "Marché"),
        at("demain matin 9h Marché", "2027-03-20 09:00", "Marché"),
        at("demain soir 20h Film", "2027-03-20 20:00", "Film"),
        at("demain midi Repas partagé", "2027-03-20 12:00", "Repas partagé"),
        at("après-demain 10h Marché", "2027-03-21 10:00", "Marché"),
        at("apres demain 10h Marché", "2027-03-21 10:00", "Marché"),
        at("aujourd'hui 18h Apéro", "2027-03-19 18:00", "Apéro"),
        at("aujourd'hui à 14h Permanence", "2027-03-19 14:00", "Permanence"),
        at("18h Apéro", "2027-03-19 18:00", "Apéro"),
        at("à 18h Apéro", "2027-03-19 18:00", "Apéro"),
        span("demain de 14h à 16h Atelier", "2027-03-20 14:00", "2027-03-20 16:00", "Atelier"),
        refuse("aujourd'hui 8h Café"),
        refuse("hier 18h Réunion"),
      ],
    },
    {
      now: YEAR_END,
      cases: [
        at("dans 3 jours 18h Réunion", "2028-01-01 18:00", "Réunion"),
        at("demain 18h Réunion", "2027-12-30 18:00", "Réunion"),
        at("dans une semaine 18h Réunion", "2028-01-05 18:00", "Réunion"),
      ],
    },
  ],
};
