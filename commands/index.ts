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
import { docsAjouter } from "./documents/ajouter.ts";
import { docsChercher } from "./documents/chercher.ts";
import { docs } from "./documents/docs.ts";
import { docsEpingler } from "./documents/epingler.ts";
import { docsModifier } from "./documents/modifier.ts";
import { docsRetirer } from "./documents/retirer.ts";
import { services } from "./documents/services.ts";
import { annonce } from "./announcements/annonce.ts";
import { annonces } from "./announcements/annonces.ts";
import { annonceAnnuler } from "./announcements/annuler.ts";
import { annonceConfirmer } from "./announcements/confirmer.ts";
import { aide } from "./general/aide.ts";
import { bienvenueApercu, bienvenueDefinir, bienvenueGuide, bienvenueOff, bienvenueOn } from "./onboarding/bienvenue.ts";
import { faq } from "./onboarding/faq.ts";
import { faqAjouter, faqAjouterCentre } from "./onboarding/faq-ajouter.ts";
import { faqRetirer } from "./onboarding/faq-retirer.ts";
import { premiersPas } from "./onboarding/premiers-pas.ts";
import { asso, assoContact, assoNom } from "./registry/asso.ts";
import { assoTags } from "./registry/asso-tags.ts";
import { assos } from "./registry/assos.ts";
import { annulerInscription } from "./trainings/annuler-inscription.ts";
import { annulerSession } from "./trainings/annuler-session.ts";
import { confirmer } from "./trainings/confirmer.ts";
import { creer } from "./trainings/creer.ts";
import { exportFormation } from "./trainings/export.ts";
import { formations } from "./trainings/formations.ts";
import { inscrire } from "./trainings/inscrire.ts";
import { mesFormations } from "./trainings/mes-formations.ts";
import { modifierSession } from "./trainings/modifier.ts";
import { participantsFormation } from "./trainings/participants.ts";
import { session } from "./trainings/session.ts";
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
import { mesDonnees } from "./privacy/mes-donnees.ts";
import { mesDonneesEffacer } from "./privacy/mes-donnees-effacer.ts";
import { mesDonneesEffacerConfirmer } from "./privacy/mes-donnees-effacer-confirmer.ts";
import { viePrivee } from "./privacy/vie-privee.ts";

/** Every chat command Minou knows, in the order the help lists them within a group. */
export const allCommands: readonly Command[] = [
  aide,
  minou,
  viePrivee,
  mesDonnees,
  mesDonneesEffacer,
  mesDonneesEffacerConfirmer,
  langue,
  asso,
  assoNom,
  assoContact,
  premiersPas,
  faq,
  faqAjouter,
  faqRetirer,
  bienvenueApercu,
  bienvenueDefinir,
  bienvenueOn,
  bienvenueOff,
  bienvenueGuide,
  assoTags,
  assos,
  faqAjouterCentre,
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
  docs,
  docsAjouter,
  docsChercher,
  docsModifier,
  docsRetirer,
  docsEpingler,
  services,
  formations,
  inscrire,
  annulerInscription,
  confirmer,
  mesFormations,
  creer,
  session,
  modifierSession,
  annulerSession,
  participantsFormation,
  exportFormation,
  annonce,
  annonceConfirmer,
  annonceAnnuler,
  annonces,
];
