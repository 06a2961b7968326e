import { ask, at, FRIDAY, span, type Family } from "./cases.ts";

/** Titles that look like date words stay as typed; a day left in the title is asked about. */
export const titles: Family = {
  name: "titres, pièges",
  groups: [
    {
      now: FRIDAY,
      cases: [
        at("demain 18h sam et max", "2027-03-20 18:00", "sam et max"),
        at("demain 18h Le 5 à 7", "2027-03-20 18:00", "Le 5 à 7"),
        at("demain 18h mer et montagne", "2027-03-20 18:00", "mer et montagne"),
        at("jeudi 18h dim sum", "2027-03-25 18:00", "dim sum"),
        at("demain 14h jeu de société", "2027-03-20 14:00", "jeu de société"),
        at("demain 18h la mer", "2027-03-20 18:00", "la mer"),
        at("demain 18h cinq à sept", "2027-03-20 18:00", "cinq à sept"),
        at("demain 18h à la mer", "2027-03-20 18:00", "à la mer"),
        at("samedi 20h 2 ans du centre", "2027-03-20 20:00", "2 ans du centre"),
        at("demain 18h Soirée de Noël", "2027-03-20 18:00", "Soirée de Noël"),
        at("mardi 9h Lundi de Pâques", "2027-03-23 09:00", "Lundi de Pâques"),
        at("demain 18h Mars attaque", "2027-03-20 18:00", "Mars attaque"),
        at("demain 18h Les mardis du jeu", "2027-03-20 18:00", "Les mardis du jeu"),
        at("demain 20h Pâques au village", "2027-03-20 20:00", "Pâques au village"),
        at("mardi 14h Ascension du Ventoux", "2027-03-23 14:00", "Ascension du Ventoux"),
        at("le 25 mars 18h anniversaire des 10 ans", "2027-03-25 18:00", "anniversaire des 10 ans"),
        at("jeudi le 25 à 18h Réunion", "2027-03-25 18:00", "Réunion"),
        span("mardi 23 de 18 à 20h Réunion", "2027-03-23 18:00", "2027-03-23 20:00", "Réunion"),
        span("samedi de 14 à 17h Atelier", "2027-03-20 14:00", "2027-03-20 17:00", "Atelier"),
        span("samedi 18-20h Apéro", "2027-03-20 18:00", "2027-03-20 20:00", "Apéro"),
        span("demain 18h30-20h Réunion", "2027-03-20 18:30", "2027-03-20 20:00", "Réunion"),
        ask("18h30-20h Réunion demain"),
        ask("18h Réunion jeudi"),
        ask("18h Soirée du 14 juillet"),
        ask("mardi 23 à 18h et jeudi 25 à 18h Réunion"),
        ask("du 22 au 26 de 9h à 17h Stage"),
        ask("du lundi 22 au vendredi 26 de 9h à 17h Stage"),
        ask("samedi 10h du 5 au 7 avril"),
        ask("lundi 22 et mardi 23 18h Formation"),
      ],
    },
  ],
};
