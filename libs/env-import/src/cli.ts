#!/usr/bin/env -S node --import tsx
/** `npm run env:import -- --project <name> --stack <env> --file <path> [--dry-run]`. */
import { resolve } from "node:path";
import { openPulumiStack } from "./apply";
import { runEnvImport } from "./command";

runEnvImport(process.argv.slice(2), {
  workspaceRoot: resolve(__dirname, "../../.."),
  // npm runs scripts from the workspace root; INIT_CWD is where the user typed the command.
  cwd: process.env.INIT_CWD ?? process.cwd(),
  openStack: openPulumiStack,
  out: (text) => console.log(text),
  err: (text) => console.error(text),
}).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`env:import failed: ${(error as Error).message}`);
    process.exit(1);
  },
);
