/**
 * `pulumi destroy` for one stack, refusing production unless `--allow-production` is given, so a
 * mistyped configuration name cannot take the live platform down.
 */
import { spawnSync } from "node:child_process";
import { parseArgs } from "node:util";
import { findPulumi, NOT_FOUND } from "./pulumi";

const { values } = parseArgs({
  options: { stack: { type: "string" }, "allow-production": { type: "boolean", default: false } },
  allowPositionals: false,
});

if (!values.stack) {
  console.error("destroy needs --stack <name>");
  process.exit(2);
}
if (values.stack === "production" && !values["allow-production"]) {
  console.error(
    "Refusing to destroy the production stack. If you really mean it, run again with --allow-production " +
      "(nx run <project>:destroy:production --allow-production).",
  );
  process.exit(1);
}
const pulumi = findPulumi();
if (!pulumi) {
  console.error(NOT_FOUND);
  process.exit(127);
}
const result = spawnSync(pulumi, ["destroy", "--stack", values.stack, "--yes", "--non-interactive"], { stdio: "inherit" });
process.exit(result.status ?? 1);
