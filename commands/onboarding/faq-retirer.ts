import { allows, defineCommand, refuse, reply } from "../../src/dispatch/command.ts";
import { excerpt } from "../../src/render/cut-text.ts";
import { md } from "../../src/render/markdown.ts";

export const faqRetirer = defineCommand({
  names: { fr: ["faq retirer"], en: ["faq remove"] },
  group: "onboarding",
  summary: { fr: "retirer une question fréquente (C… : celles du centre, pour l'équipe)", en: "remove a frequent question (C…: the centre's, for staff)" },
  args: [{ name: "number", kind: "word", label: { fr: "n°", en: "#" } }],
  permission: "moderator",
  execute({ stores, room, language, sender }, { number }) {
    const fr = language === "fr";
    const centre = /^c\d+$/iu.test(number);
    const value = Number.parseInt(number.replace(/^(c|#|n°)/iu, ""), 10);
    if (Number.isNaN(value)) return refuse(fr ? md`Donnez le numéro de la question, par exemple 3 (ou C2 pour une question du centre).` : md`Give the question's number, for example 3 (or C2 for a centre question).`);
    if (centre && !allows(sender.level, "staff")) return refuse(fr ? md`Les questions du centre (C…) sont gérées par l'équipe du centre.` : md`Centre questions (C…) are managed by the centre's staff.`);
    // A number too big to read exactly (99999999999999999999 reads 1e20) is no question's: quoted as typed.
    const entry = Number.isSafeInteger(value) ? stores.onboarding.faq.find(centre ? null : room.roomId, value) : undefined;
    if (entry === undefined) return refuse(fr ? md`Il n'y a pas de question ${excerpt(number)} ici.` : md`There is no question ${excerpt(number)} here.`);
    stores.onboarding.faq.delete(entry.id);
    return reply(fr ? md`Question « ${entry.question} » retirée.` : md`Question "${entry.question}" removed.`);
  },
});
