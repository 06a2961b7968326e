/** The config path: `--config <file>`, else MINOU_CONFIG, else ./config.json. */
export function configPath(argv: readonly string[], env: NodeJS.ProcessEnv): string {
  const index = argv.indexOf("--config");
  const fromFlag = index === -1 ? undefined : argv[index + 1];
  const inline = argv.find((arg) => arg.startsWith("--config="))?.slice("--config=".length);
  return fromFlag ?? inline ?? env["MINOU_CONFIG"] ?? "config.json";
}
