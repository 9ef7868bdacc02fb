/** `--help` / `-h` on every script: print its usage and stop before doing anything. */
export function exitWithHelp(usage: string): void {
  if (process.argv.slice(2).some((a) => a === "--help" || a === "-h")) {
    console.log(usage);
    process.exit(0);
  }
}
