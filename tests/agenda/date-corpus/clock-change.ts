import { at, AUTUMN, days, every, refuse, span, SPRING, type Family } from "./cases.ts";

/** Around the last Sundays of March and October, when Paris changes its clocks. */
export const clockChange: Family = {
  name: "changement d'heure",
  groups: [
    {
      now: SPRING,
      cases: [
        at("dimanche 10h Randonnée", "2027-03-28 10:00", "Randonnée"),
        at("dimanche à 18h Loto", "2027-03-28 18:00", "Loto"),
        at("demain 20h Concert", "2027-03-27 20:00", "Concert"),
        at("après-demain 9h Marché", "2027-03-28 09:00", "Marché"),
        at("dans 3 jours 18h Réunion", "2027-03-29 18:00", "Réunion"),
        at("lundi 9h Permanence", "2027-03-29 09:00", "Permanence"),
        at("dimanche 28 mars 4h Départ", "2027-03-28 04:00", "Départ"),
        span("samedi 20h-23h Bal", "2027-03-27 20:00", "2027-03-27 23:00", "Bal"),
        span("dimanche de 14h à 17h Atelier", "2027-03-28 14:00", "2027-03-28 17:00", "Atelier"),
        every("tous les dimanches 10h Marché", "2027-03-28 10:00", "FREQ=WEEKLY;BYDAY=SU", "Marché"),
        every("tous les jours 8h Café", "2027-03-27 08:00", "FREQ=DAILY", "Café"),
        days("samedi 27 et dimanche 28 mars toute la journée Stage", "2027-03-27", "2027-03-28", "Stage"),
        days("du samedi 27 au lundi 29 mars Stage", "2027-03-27", "2027-03-29", "Stage"),
        refuse("jeudi 25 18h Réunion"),
      ],
    },
    {
      now: AUTUMN,
      cases: [
        at("dimanche 10h Randonnée", "2027-10-31 10:00", "Randonnée"),
        at("dimanche 31 à 18h Loto", "2027-10-31 18:00", "Loto"),
        at("demain 20h Soirée Halloween", "2027-10-30 20:00", "Soirée Halloween"),
        at("lundi 9h Permanence", "2027-11-01 09:00", "Permanence"),
        at("dans 3 jours 18h Réunion", "2027-11-01 18:00", "Réunion"),
        span("samedi 22h-2h Soirée", "2027-10-30 22:00", "2027-10-31 02:00", "Soirée"),
        span("samedi de 21h à 1h Soirée", "2027-10-30 21:00", "2027-10-31 01:00", "Soirée"),
        every("tous les dimanches 10h Marché", "2027-10-31 10:00", "FREQ=WEEKLY;BYDAY=SU", "Marché"),
        every("tous les samedis 18h Apéro", "2027-10-30 18:00", "FREQ=WEEKLY;BYDAY=SA", "Apéro"),
        at("mardi en huit 18h Réunion", "2027-11-09 18:00", "Réunion"),
        at("le 2 à 18h Réunion", "2027-11-02 18:00", "Réunion"),
        at("le 31 à 10h Rando", "2027-10-31 10:00", "Rando"),
        at("11 novembre 11h Cérémonie", "2027-11-11 11:00", "Cérémonie"),
      ],
    },
  ],
};
