import { ask, every, FRIDAY, type Family } from "./cases.ts";

/** "tous les jeudis", "un mardi sur deux", "le 15 de chaque mois". */
export const recurring: Family = {
  name: "répétitions",
  groups: [
    {
      now: FRIDAY,
      cases: [
        every("tous les jeudis 18h Chorale", "2027-03-25 18:00", "FREQ=WEEKLY;BYDAY=TH", "Chorale"),
        every("tous les jeudis à 18h Chorale", "2027-03-25 18:00", "FREQ=WEEKLY;BYDAY=TH", "Chorale"),
        every("tous les jeudi 18h Chorale", "2027-03-25 18:00", "FREQ=WEEKLY;BYDAY=TH", "Chorale"),
        every("Tous les jeudis 18h30 Chorale", "2027-03-25 18:30", "FREQ=WEEKLY;BYDAY=TH", "Chorale"),
        every("chaque jeudi 18h Chorale", "2027-03-25 18:00", "FREQ=WEEKLY;BYDAY=TH", "Chorale"),
        every("chaque mardi à 14h Tricot", "2027-03-23 14:00", "FREQ=WEEKLY;BYDAY=TU", "Tricot"),
        every("tous les vendredis 18h Apéro", "2027-03-19 18:00", "FREQ=WEEKLY;BYDAY=FR", "Apéro"),
        every("tous les vendredis à 9h Café", "2027-03-26 09:00", "FREQ=WEEKLY;BYDAY=FR", "Café"),
        every("tous les mardis et jeudis 18h Sport", "2027-03-23 18:00", "FREQ=WEEKLY;BYDAY=TU,TH", "Sport"),
        every("tous les lundis 9h Permanence", "2027-03-22 09:00", "FREQ=WEEKLY;BYDAY=MO", "Permanence"),
        every("tous les samedis de 10h à 12h Marché", "2027-03-20 10:00", "FREQ=WEEKLY;BYDAY=SA", "Marché"),
        every("un mardi sur deux 18h Réunion", "2027-03-23 18:00", "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU", "Réunion"),
        every("tous les 15 jours le mardi 18h Réunion", "2027-03-23 18:00", "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU", "Réunion"),
        every("le 15 de chaque mois 18h Réunion", "2027-04-15 18:00", "FREQ=MONTHLY;BYMONTHDAY=15", "Réunion"),
        every("tous les 15 du mois 18h Réunion", "2027-04-15 18:00", "FREQ=MONTHLY;BYMONTHDAY=15", "Réunion"),
        every("chaque premier lundi du mois 20h CA", "2027-04-05 20:00", "FREQ=MONTHLY;BYDAY=1MO", "CA"),
        every("chaque dernier vendredi du mois 19h Apéro", "2027-03-26 19:00", "FREQ=MONTHLY;BYDAY=-1FR", "Apéro"),
        every("tous les jours 8h Café", "2027-03-20 08:00", "FREQ=DAILY", "Café"),
        every("tous les jours à 12h Repas", "2027-03-19 12:00", "FREQ=DAILY", "Repas"),
        every("en semaine 9h Accueil", "2027-03-22 09:00", "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR", "Accueil"),
        every("tous les jeudis 18h Chorale jusqu'au 30 juin", "2027-03-25 18:00", "FREQ=WEEKLY;BYDAY=TH;UNTIL=20270630T215959Z", "Chorale"),
        every("tous les jeudis a 18h chorale", "2027-03-25 18:00", "FREQ=WEEKLY;BYDAY=TH", "chorale"),
        ask("toutes les deux semaines 18h Réunion"),
        ask("tous les jeudis Chorale"),
      ],
    },
  ],
};
