#!/usr/bin/env -S node --import tsx
/**
 * `npm run chaos`: the resilience tests against an e2e platform that is already deployed, such as
 * the one `npm run e2e -- --keep` leaves running. `npm run e2e` runs the same tests as one of its
 * phases, so CI runs them on every change.
 */
import { parseArgs } from "node:util";
import { controlPlaneAccess, runChaos } from "./chaos";

const USAGE = `Usage: npm run chaos [-- --control-plane <state-dir>]

  --control-plane  the state folder of the control plane the platform is deployed on
                   (default: $PLATFORM_E2E_CONTROL_PLANE_STATE, which the control plane's env file sets)

Needs the platform and the autoscaled fixture deployed: run \`npm run e2e -- --keep\` first.`;

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { "control-plane": { type: "string" }, help: { type: "boolean", default: false } } });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const stateDir = values["control-plane"] ?? process.env.PLATFORM_E2E_CONTROL_PLANE_STATE;
  if (!stateDir) {
    console.error(`No control plane given: pass --control-plane <state-dir> or set PLATFORM_E2E_CONTROL_PLANE_STATE.\n\n${USAGE}`);
    return 2;
  }
  try {
    const report = await runChaos(controlPlaneAccess(stateDir));
    console.log(`${report.lines.map((line) => `  ${line}`).join("\n")}\n\nResilience tests passed.\n${report.figures.map((line) => `  ${line}`).join("\n")}`);
    return 0;
  } catch (error) {
    console.error(`\n✗ ${(error as Error).message}`);
    return 1;
  }
}

main().then((code) => process.exit(code));
