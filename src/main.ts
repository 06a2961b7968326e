import { configPath } from "./cli-args.ts";
import { ConfigError, loadConfig } from "./config/load.ts";
import { createLogger } from "./log.ts";
import { Minou } from "./minou.ts";

async function main(): Promise<void> {
  const path = configPath(process.argv.slice(2), process.env);
  let loaded;
  try {
    loaded = loadConfig(path);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`${path} : ${error.message}`);
      process.exit(2);
    }
    throw error;
  }
  const log = createLogger(loaded.config.logLevel);
  const minou = new Minou({ config: loaded.config, accessToken: loaded.accessToken, log });
  let stopping = false;
  const shutdown = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    log.info(`${signal} received, stopping`);
    minou.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        log.error("stop failed", { error });
        process.exit(1);
      },
    );
  };
  process.on("SIGTERM", () => shutdown("SIGTERM"));
  process.on("SIGINT", () => shutdown("SIGINT"));
  try {
    await minou.start();
  } catch (error) {
    log.error("Minou could not start", { error });
    await minou.stop().catch(() => undefined);
    process.exit(1);
  }
}

await main();
