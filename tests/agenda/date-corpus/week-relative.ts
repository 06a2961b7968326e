import { ask, at, FRIDAY, span, YEAR_END, type Family } from "./cases.ts";

/** "mardi en huit", "la semaine prochaine", "dans 2 semaines", and days with a name. */
export const weekRelative: Family = {
  name: "semaine, fêtes",
  groups: [
    {
      now: FRIDAY,
      cases: [
        at("mardi en huit 18h Réunion", "2027-03-30 18:00", "Réunion"),
        at("mardi en huit à 18h Réunion", "2027-03-30 18:00", "Réunion"),
        at("vendredi en huit 18h Réunion", "2027-03-26 18:00", "Réunion"),
        at("jeudi en quinze 18h Réunion", "2027-04-08 18:00", "Réunion"),
        at("mardi de la semaine prochaine 18h Réunion", "2027-03-23 18:00", "Réunion"),
        at("mardi la semaine prochaine à 18h Réunion", "2027-03-23 18:00", "Réunion"),
        at("la semaine prochaine mardi 18h Réunion", "2027-03-23 18:00", "Réunion"),
        at("semaine prochaine le mardi à 18h Réunion", "2027-03-23 18:00", "Réunion"),
        at("mardi semaine pro 18h Réunion", "2027-03-23 18:00", "Réunion"),
        at("mercredi de la semaine prochaine à 14h Atelier", "2027-03-24 14:00", "Atelier"),
        at("dans 2 semaines mardi 18h Réunion", "2027-03-30 18:00", "Réunion"),
        at("dans deux semaines mardi à 18h Réunion", "2027-03-30 18:00", "Réunion"),
        at("mardi dans 2 semaines 18h Réunion", "2027-03-30 18:00", "Réunion"),
        at("mardi dans 15 jours 18h Réunion", "2027-03-30 18:00", "Réunion"),
        at("dimanche de cette semaine 10h Balade", "2027-03-21 10:00", "Balade"),
        at("mardi prochain 18h Réunion", "2027-03-23 18:00", "Réunion"),
        at("mardi pro 18h Réunion", "2027-03-23 18:00", "Réunion"),
        at("vendredi prochain à 18h Apéro", "2027-03-26 18:00", "Apéro"),
        at("lundi de Pâques 14h Chasse aux œufs", "2027-03-29 14:00", "Chasse aux œufs"),
        at("lundi de paques à 14h Chasse aux oeufs", "2027-03-29 14:00", "Chasse aux oeufs"),
        at("Pâques 11h Chasse aux œufs", "2027-03-28 11:00", "Chasse aux œufs"),
        at("le jeudi de l'Ascension 10h Rando", "2027-05-06 10:00", "Rando"),
        at("lundi de Pentecôte 10h Rando", "2027-05-17 10:00", "Rando"),
        at("la Toussaint 10h Cimetière", "2027-11-01 10:00", "Cimetière"),
        at("le 14 juillet à 22h Feu d'artifice", "2027-07-14 22:00", "Feu d'artifice"),
        at("le 1er mai 10h Muguet", "2027-05-01 10:00", "Muguet"),
        span("lundi de Pâques de 14h à 17h Chasse", "2027-03-29 14:00", "2027-03-29 17:00", "Chasse"),
        ask("la semaine prochaine Réunion"),
        ask("mardi en huit Réunion"),
      ],
    },
    {
      now: YEAR_END,
      cases: [
        at("mardi en huit 18h Réunion", "2028-01-11 18:00", "Réunion"),
        at("mardi de la semaine prochaine 18h Réunion", "2028-01-04 18:00", "Réunion"),
        at("dans 2 semaines lundi 18h Réunion", "2028-01-10 18:00", "Réunion"),
        at("le jour de l'an 12h Repas", "2028-01-01 12:00", "Repas"),
        at("la Saint-Sylvestre 20h Réveillon", "2027-12-31 20:00", "Réveillon"),
        at("Noël 12h Repas", "2028-12-25 12:00", "Repas"),
      ],
    },
  ],
};
