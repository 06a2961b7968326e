import type { Language } from "../i18n/language.ts";
import { excerpt } from "../render/cut-text.ts";
import { code, md, type Markdown } from "../render/markdown.ts";
import { DOCUMENT_LIMITS } from "./model.ts";
import type { DocumentInputProblem } from "./parse-document.ts";

/** A friendly explanation, with an example, of why a title, link or tag was refused. */
export function inputProblemText(problem: DocumentInputProblem, language: Language, prefix: string): Markdown {
  const fr = language === "fr";
  const example = code(fr ? `${prefix}docs ajouter Compte rendu du bureau https://pad.exemple.fr/p/bureau #bureau` : `${prefix}docs add Board minutes https://pad.example.org/p/board #board`);
  switch (problem.kind) {
    case "missingUrl":
      return fr ? md`Il manque le lien du document (http:// ou https://). Exemple : ${example}` : md`The document's link (http:// or https://) is missing. Example: ${example}`;
    case "missingTitle":
      return fr ? md`Donnez un titre au document, avant ou après le lien. Exemple : ${example}` : md`Give the document a title, before or after the link. Example: ${example}`;
    case "titleTooLong":
      return fr
        ? md`Ce titre est trop long (${problem.length} caractères) : ${DOCUMENT_LIMITS.title} au plus.`
        : md`That title is too long (${problem.length} characters): at most ${DOCUMENT_LIMITS.title}.`;
    case "notHttp":
      return fr
        ? md`Je ne garde que les liens web (http:// ou https://), pas les liens « ${problem.scheme}: ».`
        : md`I only keep web links (http:// or https://), not "${problem.scheme}:" links.`;
    case "noScheme":
      return fr
        ? md`Écrivez le lien en entier, avec https:// devant, par exemple : ${code(problem.suggestion)}`
        : md`Write the whole link, with https:// in front, for example: ${code(problem.suggestion)}`;
    case "badUrl":
      return fr ? md`Ce lien n'est pas une adresse web valide. Copiez-le depuis la barre d'adresse du navigateur.` : md`That link is not a valid web address. Copy it from the browser's address bar.`;
    case "credentials":
      return fr
        ? md`Ce lien contient un identifiant ou un mot de passe : tout le salon le verrait. Retirez la partie « nom:motdepasse@ » du lien.`
        : md`That link holds a user name or password: the whole room would see it. Remove the "name:password@" part.`;
    case "urlTooLong":
      return fr
        ? md`Ce lien est trop long (${problem.length} caractères) : ${DOCUMENT_LIMITS.url} au plus. Un lien de partage plus court fera l'affaire.`
        : md`That link is too long (${problem.length} characters): at most ${DOCUMENT_LIMITS.url}. A shorter sharing link will do.`;
    case "badTag":
      return fr
        ? md`« ${excerpt(problem.tag)} » n'est pas une étiquette : un # suivi de lettres, chiffres, - ou _ (${DOCUMENT_LIMITS.tag} au plus), par exemple #compta.`
        : md`"${excerpt(problem.tag)}" is not a tag: a # followed by letters, digits, - or _ (at most ${DOCUMENT_LIMITS.tag}), for example #accounts.`;
    case "tooManyTags":
      return fr ? md`${DOCUMENT_LIMITS.tags} étiquettes au plus par document.` : md`At most ${DOCUMENT_LIMITS.tags} tags per document.`;
  }
}

/** "n°3" / "#3" */
export function numberLabel(number: number, language: Language): string {
  return language === "fr" ? `n°${number}` : `#${number}`;
}
