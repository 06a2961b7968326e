import type { Command } from "../src/dispatch/command.ts";
import { allFeatures } from "../src/features.ts";

/**
 * Every chat command Minou knows, in the order the help lists them within a group: each feature
 * declares its own (src/<feature>/feature.ts), and src/features.ts lists the features.
 */
export const allCommands: readonly Command[] = allFeatures.flatMap((feature) => feature.commands);
