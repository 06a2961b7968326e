import { distance } from "fastest-levenshtein";
import type { Command } from "./command.ts";
import { fold } from "./fold.ts";
import { languageCodes, type Language } from "../i18n/language.ts";

export interface CommandMatch {
  readonly command: Command;
  /** How many words of the line the name took ("agenda ajouter" takes 2). */
  readonly wordCount: number;
}

const MAX_NAME_WORDS = 3;

/** All of Minou's commands, found by any of their names in any language. */
export class CommandRegistry {
  private readonly byName = new Map<string, Command>();

  constructor(readonly commands: readonly Command[]) {
    for (const command of commands) {
      for (const name of command.texts.everyName()) {
        const key = foldName(name);
        const existing = this.byName.get(key);
        if (existing !== undefined && existing !== command) {
          throw new Error(`Deux commandes portent le nom « ${name} » : ${existing.id} et ${command.id}`);
        }
        if (key.split(" ").length > MAX_NAME_WORDS) throw new Error(`Nom de commande trop long : ${name}`);
        this.byName.set(key, command);
      }
      const lastArg = command.args.at(-1);
      if (command.args.some((arg) => arg.kind === "text" && arg !== lastArg)) {
        throw new Error(`${command.id} : un argument texte doit être le dernier`);
      }
    }
  }

  /** The command named by the first words of the line, preferring the longest name. */
  match(words: readonly string[]): CommandMatch | undefined {
    for (let count = Math.min(MAX_NAME_WORDS, words.length); count >= 1; count -= 1) {
      const command = this.byName.get(words.slice(0, count).map(fold).join(" "));
      if (command !== undefined) return { command, wordCount: count };
    }
    return undefined;
  }

  /** Finds a command by a name typed in help ("!aide agenda ajouter", "!aide !langue"). */
  find(name: string): Command | undefined {
    return this.byName.get(foldName(name.replace(/^[^\p{L}\p{N}]+/u, "")));
  }

  /**
   * The known name closest to what was typed, for "Vouliez-vous dire… ?". `words` are the line's
   * first words; `after` limits the search to the sub-commands of a name already recognised.
   */
  suggest(words: readonly string[], language: Language, after: readonly string[] = []): string | undefined {
    const prefix = after.map(fold).join(" ");
    const typed = words.slice(after.length, after.length + 1).map(fold)[0];
    if (typed === undefined || typed === "") return undefined;
    let best: { name: string; cost: number } | undefined;
    for (const command of this.commands) {
      for (const lang of [language, ...languageCodes().filter((code) => code !== language)]) {
        for (const name of command.texts.names(lang)) {
          const parts = foldName(name).split(" ");
          if (parts.slice(0, after.length).join(" ") !== prefix || parts.length <= after.length) continue;
          const candidate = parts[after.length] ?? "";
          const cost = distance(typed, candidate);
          // Two edits cover a swapped pair of letters ("hlep"); very short names allow one.
          const allowed = candidate.length <= 3 ? 1 : Math.max(2, Math.floor(candidate.length / 3));
          if (cost <= allowed && (best === undefined || cost < best.cost)) {
            best = { name: [...after, candidate].join(" "), cost };
          }
        }
      }
    }
    return best === undefined ? undefined : this.canonicalName(best.name, language);
  }

  /** The name to show for a command in a language. */
  static nameIn(command: Command, language: Language): string {
    return command.texts.names(language)[0] ?? command.id;
  }

  private canonicalName(folded: string, language: Language): string {
    const command = this.byName.get(folded);
    if (command === undefined) return folded;
    const exact = command.texts.everyName().find((name) => foldName(name) === folded);
    return exact ?? CommandRegistry.nameIn(command, language);
  }
}

function foldName(name: string): string {
  return fold(name).trim().split(/\s+/u).join(" ");
}
