#!/usr/bin/env -S node --import tsx
/**
 * `npm run check:charts`: every Helm release of the offline plan rendered by helm with that
 * environment's exact values, its keys compared with the chart's, and every object validated by
 * the e2e control plane's API server. Exits 1 on any problem, 2 on bad input.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { homedir, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import type * as clusterModule from "@platform/e2e/src/cluster";
import type { ControlPlane } from "@platform/e2e/src/cluster";
import type * as apiModule from "./api";
import type * as checkModule from "./check";
import { runCommand } from "@platform/e2e/src/process";
import { Helm } from "./helm";
import { readPlanFolder } from "./plan";
import { formatReport } from "./report";
import { locateToolchain, WORKSPACE_ROOT } from "./toolchain";

const USAGE = `Usage: npm run check:charts -- [--plan <dir>] [--env <stack>]... [--charts <dir>] [--kubeconfig <file>]

  --plan        an offline plan folder (<env>/<project>.json). Default: run \`npm run plan\` into a temporary folder.
  --env         an environment to check; repeat for more. Default: every environment in the plan.
  --charts      a folder of <chart>-<version>.tgz archives, <chart>-<version>/ or <chart>/ folders (offline).
                Default: \`helm pull --repo\` each chart at its pinned version.
  --cache       where downloaded and unpacked charts are kept. Default: ~/.cache/degen-platform/charts.
  --kubeconfig  validate against this cluster (a throwaway one: CRDs are applied for real).
                Default: start the e2e control plane (e2e/control-plane/start.sh) and stop it at the end.

helm and the control plane come from e2e/toolchain/build.sh (run it first).`;

async function main(): Promise<number> {
  let args;
  try {
    args = parseArgs({
      options: {
        plan: { type: "string" },
        env: { type: "string", multiple: true },
        charts: { type: "string" },
        cache: { type: "string" },
        kubeconfig: { type: "string" },
        help: { type: "boolean", default: false },
      },
      allowPositionals: false,
    }).values;
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (args.help) {
    console.log(USAGE);
    return 0;
  }
  const started = performance.now();
  const envs = args.env?.flatMap((env) => env.split(",")).filter(Boolean);
  const workDir = mkdtempSync(join(tmpdir(), "chart-check-"));
  let controlPlane: ControlPlane | undefined;
  try {
    let planDir = args.plan ? resolve(args.plan) : undefined;
    if (!planDir) {
      planDir = join(workDir, "plan");
      console.error(`Writing the offline plan${envs ? ` of ${envs.join(", ")}` : ""} to ${planDir} ...`);
      const plan = await runCommand("npx", ["tsx", "libs/offline-plan/src/cli.ts", "--out", planDir, "--quiet", ...(envs ?? []).flatMap((env) => ["--env", env])], {
        cwd: WORKSPACE_ROOT,
        capture: true,
        timeoutSeconds: 30 * 60,
      });
      if (plan.code !== 0) {
        console.error(`The offline plan failed, so there is nothing to check:\n${plan.stdout.trim()}\n${plan.stderr.trim()}`);
        return 2;
      }
    }
    const releases = readPlanFolder(planDir, envs);
    if (releases.length === 0) {
      console.log(`No Helm release in the plan${envs ? ` of ${envs.join(", ")}` : ""}: nothing to check.`);
      return 0;
    }
    const charts = args.charts ? resolve(args.charts) : undefined;
    const toolchain = await locateToolchain();
    // The Kubernetes client takes seconds to load: only once there is something to check.
    /* eslint-disable @typescript-eslint/no-require-imports */
    const { startControlPlane } = require("@platform/e2e/src/cluster") as typeof clusterModule;
    const { ApiServer } = require("./api") as typeof apiModule;
    const { checkReleases } = require("./check") as typeof checkModule;
    /* eslint-enable @typescript-eslint/no-require-imports */
    let kubeconfig = args.kubeconfig ? resolve(args.kubeconfig) : undefined;
    if (!kubeconfig) {
      console.error("Starting the e2e control plane ...");
      controlPlane = await startControlPlane(toolchain.controlPlane, join(workDir, "cluster"));
      kubeconfig = controlPlane.kubeconfig;
    }
    const api = new ApiServer(kubeconfig);
    const kubeVersion = await api.version();
    console.error(`Checking ${releases.length} releases against Kubernetes ${kubeVersion} ...`);
    const result = await checkReleases({
      releases,
      helm: new Helm(toolchain.helm),
      source: { ...(charts ? { chartsDir: charts } : {}), cacheDir: resolve(args.cache ?? join(homedir(), ".cache", "degen-platform", "charts")) },
      api,
      kubeVersion,
      servedApiVersions: await api.servedApiVersions(),
      workDir: join(workDir, "values"),
      progress: (message) => console.error(message),
    });
    console.log(formatReport(result.runs, result.problems, (performance.now() - started) / 1000));
    return result.problems.length === 0 ? 0 : 1;
  } catch (error) {
    console.error((error as Error).message);
    return 2;
  } finally {
    if (controlPlane) await controlPlane.stop().catch((error: Error) => console.error(error.message));
    rmSync(workDir, { recursive: true, force: true });
  }
}

main().then((code) => process.exit(code));
