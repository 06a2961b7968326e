import { LogLevel, LogService, type ILogger } from "matrix-bot-sdk";
import type { LogLevel as MinouLogLevel } from "../config/schema.ts";
import type { Logger } from "../log.ts";

const SDK_LEVELS: Readonly<Record<MinouLogLevel, LogLevel>> = {
  error: LogLevel.ERROR,
  warn: LogLevel.WARN,
  info: LogLevel.INFO,
  debug: LogLevel.DEBUG,
  trace: LogLevel.TRACE,
};

function text(parts: readonly unknown[]): string {
  return parts
    .map((part) => (part instanceof Error ? part.message : typeof part === "string" ? part : JSON.stringify(part)))
    .join(" ");
}

/**
 * Sends matrix-bot-sdk's log lines through Minou's logger, so they are redacted like the rest.
 * The SDK logs each failed request as an error; Minou logs what it means (retried, given up) itself,
 * so those lines are warnings here.
 */
export function routeSdkLogs(log: Logger, level: MinouLogLevel): void {
  const sdk = log.child("sdk");
  // A 404 is how Minou learns that a room is not encrypted or that account data is unset: no warning.
  const failed = (module: string, parts: readonly unknown[]): void => {
    const line = `${module} ${text(parts)}`;
    if (line.includes('"errcode":"M_NOT_FOUND"')) sdk.debug(line);
    else sdk.warn(line);
  };
  const logger: ILogger = {
    error: (module: string, ...parts: unknown[]) => failed(module, parts),
    warn: (module: string, ...parts: unknown[]) => failed(module, parts),
    info: (module: string, ...parts: unknown[]) => sdk.debug(`${module} ${text(parts)}`),
    debug: (module: string, ...parts: unknown[]) => sdk.debug(`${module} ${text(parts)}`),
    trace: (module: string, ...parts: unknown[]) => sdk.trace(`${module} ${text(parts)}`),
  };
  LogService.setLogger(logger);
  LogService.setLevel(SDK_LEVELS[level]);
}
