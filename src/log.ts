import type { LogLevel } from "./config/schema.ts";

const ORDER: readonly LogLevel[] = ["error", "warn", "info", "debug", "trace"];

export interface Logger {
  error(message: string, details?: Record<string, unknown>): void;
  warn(message: string, details?: Record<string, unknown>): void;
  info(message: string, details?: Record<string, unknown>): void;
  debug(message: string, details?: Record<string, unknown>): void;
  trace(message: string, details?: Record<string, unknown>): void;
  /** Everything logged from now on has these strings replaced, wherever they appear. */
  addSecret(secret: string): void;
  child(module: string): Logger;
}

export type LogSink = (line: string) => void;

/** One line per entry on stderr: time, level, module, message, then details as JSON. */
export function createLogger(level: LogLevel, sink: LogSink = (line) => process.stderr.write(`${line}\n`)): Logger {
  const secrets = new Set<string>();
  const threshold = ORDER.indexOf(level);
  const redact = (text: string): string => {
    let result = text;
    for (const secret of secrets) result = result.split(secret).join("<secret>");
    return result;
  };
  const make = (module: string): Logger => {
    const write = (entryLevel: LogLevel, message: string, details?: Record<string, unknown>): void => {
      if (ORDER.indexOf(entryLevel) > threshold) return;
      const extra = details === undefined ? "" : ` ${safeJson(details)}`;
      sink(redact(`${new Date().toISOString()} ${entryLevel.toUpperCase()} [${module}] ${message}${extra}`));
    };
    return {
      error: (message, details) => write("error", message, details),
      warn: (message, details) => write("warn", message, details),
      info: (message, details) => write("info", message, details),
      debug: (message, details) => write("debug", message, details),
      trace: (message, details) => write("trace", message, details),
      addSecret: (secret) => {
        if (secret.length >= 4) secrets.add(secret);
      },
      child: (name) => make(`${module}/${name}`),
    };
  };
  return make("minou");
}

function safeJson(details: Record<string, unknown>): string {
  try {
    return JSON.stringify(details, (_key, value: unknown) =>
      value instanceof Error ? { name: value.name, message: value.message, stack: value.stack } : value,
    );
  } catch {
    return String(details);
  }
}
