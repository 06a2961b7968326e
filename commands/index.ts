import type { Command } from "../src/dispatch/command.ts";
import { agenda } from "./agenda/agenda.ts";
import { ajouter } from "./agenda/ajouter.ts";
import { annuler } from "./agenda/annuler.ts";
import { deplacer } from "./agenda/deplacer.ts";
import { fuseau } from "./agenda/fuseau.ts";
import { lienRenouveler } from "./agenda/lien-renouveler.ts";
import { lien } from "./agenda/lien.ts";
import { modifier } from "./agenda/modifier.ts";
import { participants } from "./agenda/participants.ts";
import { publicEvent } from "./agenda/public.ts";
import { rappels } from "./agenda/rappels.ts";
import { resume } from "./agenda/resume.ts";
import { voir } from "./agenda/voir.ts";
import { aide } from "./general/aide.ts";
import { choisir } from "./polls/choisir.ts";
import { clore } from "./polls/clore.ts";
import { dates } from "./polls/dates.ts";
import { echeance } from "./polls/echeance.ts";
import { exportPoll } from "./polls/export.ts";
import { resultats } from "./polls/resultats.ts";
import { sondage } from "./polls/sondage.ts";
import { voter } from "./polls/voter.ts";
import { langue } from "./general/langue.ts";
import { minou } from "./general/minou.ts";

/** Every chat command Minou knows, in the order the help lists them within a group. */
export const allCommands: readonly Command[] = [
  aide,
  minou,
  langue,
  agenda,
  ajouter,
  voir,
  modifier,
  annuler,
  deplacer,
  participants,
  lien,
  lienRenouveler,
  rappels,
  fuseau,
  publicEvent,
  resume,
  sondage,
  dates,
  voter,
  resultats,
  clore,
  echeance,
  choisir,
  exportPoll,
];
