import { readFileSync, writeFileSync } from "node:fs";
import { allCommands } from "../commands/index.ts";
import { commandReference } from "../src/dispatch/help.ts";
import { CommandRegistry } from "../src/dispatch/registry.ts";

/**
 * `npm run readme:commands`: rewrites the command reference in README.md from the registry.
 * tests/readme.test.ts fails when the README's copy is stale.
 */
export const START = "<!-- commandes:début (npm run readme:commands) -->";
export const END = "<!-- commandes:fin -->";

export function withReference(readme: string): string {
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  if (start === -1 || end === -1 || end < start) throw new Error(`README.md needs the markers ${START} and ${END}`);
  const reference = commandReference(new CommandRegistry(allCommands), "!");
  return `${readme.slice(0, start + START.length)}\n${reference}\n${readme.slice(end)}`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const path = new URL("../README.md", import.meta.url);
  writeFileSync(path, withReference(readFileSync(path, "utf8")));
  console.log("README.md : référence des commandes à jour.");
}
