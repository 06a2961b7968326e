import { createLogger, type Logger } from "../../src/log.ts";

/** A logger whose lines are kept for assertions. */
export function captureLog(level: Parameters<typeof createLogger>[0] = "debug"): { log: Logger; lines: string[] } {
  const lines: string[] = [];
  return { log: createLogger(level, (line) => lines.push(line)), lines };
}
