import type { Command } from "../src/dispatch/command.ts";
import { aide } from "./general/aide.ts";
import { langue } from "./general/langue.ts";
import { minou } from "./general/minou.ts";

/** Every chat command Minou knows, in the order the help lists them within a group. */
export const allCommands: readonly Command[] = [aide, minou, langue];
