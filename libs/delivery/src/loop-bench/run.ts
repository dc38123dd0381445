#!/usr/bin/env -S node --import tsx
/**
 * `npm run bench [-- --baseline <ref>] [--only <figure>,...]`: the fast loop's figures (the test
 * suite cold and cached, the offline plan, the affected set, CI before the end-to-end run) on a
 * clean checkout of HEAD and of a baseline, in one run on this machine, with the ratio of each.
 * Each checkout gets its own `npm ci` and an empty Nx cache. Run it on an idle machine: the CPU
 * figures count this command's process tree, the wall figures whatever else runs.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { appendFileSync, closeSync, mkdtempSync, openSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { resolveCommit } from "../git";
import { childCpuTicks, FIGURES, renderTable, total, type Cost, type FigureKey, type Row } from "./figures";

const WORKSPACE = resolve(__dirname, "../../../..");
const CLOCK_TICKS = Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim());

const USAGE = `Usage: npm run bench -- [--baseline <ref>] [--only <figure>,...]

  --baseline  the commit to compare HEAD with. Default: main
  --only      figures to measure: ${Object.keys(FIGURES).join(", ")}. Default: all`;

interface Checkout {
  readonly label: string;
  readonly dir: string;
  readonly log: string;
  /** Where its offline plans are written: outside the checkout, so no tool of it sees them. */
  readonly planOut: string;
}

function cpuTicksOfWaitedChildren(): number {
  return childCpuTicks(readFileSync("/proc/self/stat", "utf8"));
}

/** Runs a command to completion in a checkout, its output to the checkout's log, and what it cost. */
function measure(checkout: Checkout, command: string, args: readonly string[]): Cost {
  const log = openSync(checkout.log, "a");
  appendFileSync(checkout.log, `\n$ ${command} ${args.join(" ")}\n`);
  const cpuBefore = cpuTicksOfWaitedChildren();
  const began = performance.now();
  const result = spawnSync(command, args, {
    cwd: checkout.dir,
    env: { ...process.env, CI: "true", NX_DAEMON: "false", NX_NO_CLOUD: "true" },
    stdio: ["ignore", log, log],
  });
  const wallSeconds = (performance.now() - began) / 1000;
  const cpuSeconds = (cpuTicksOfWaitedChildren() - cpuBefore) / CLOCK_TICKS;
  closeSync(log);
  if (result.status !== 0) {
    throw new Error(`\`${command} ${args.join(" ")}\` failed in the ${checkout.label} checkout (${result.error?.message ?? `exit ${result.status}`}); see ${checkout.log}`);
  }
  return { wallSeconds, cpuSeconds };
}

function git(cwd: string, ...args: string[]): string {
  return execFileSync("git", args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }).trim();
}

/** Every figure of one checkout, in the order a CI run meets them. */
function measureCheckout(checkout: Checkout, only: ReadonlySet<FigureKey>): Partial<Record<FigureKey, Cost>> {
  const npm = (...args: string[]) => measure(checkout, "npm", args);
  const figures: Partial<Record<FigureKey, Cost>> = {};
  const install = npm("ci", "--no-audit", "--no-fund");
  const planDev = only.has("ciBeforeE2e") ? npm("run", "plan", "--", "--env", "dev", "--quiet", "--out", checkout.planOut) : undefined;
  if (only.has("testCold") || only.has("testCached") || only.has("ciBeforeE2e")) {
    const cold = npm("test");
    figures.testCold = cold;
    if (planDev) figures.ciBeforeE2e = total([install, planDev, cold]);
    if (only.has("testCached")) figures.testCached = npm("test");
  }
  if (only.has("planAll")) figures.planAll = npm("run", "plan", "--", "--quiet", "--out", checkout.planOut);
  if (only.has("affected")) {
    appendFileSync(join(checkout.dir, "projects/degenquest/src/program.ts"), "// a change\n");
    git(checkout.dir, "-c", "user.name=bench", "-c", "user.email=bench@example.com", "commit", "--quiet", "-am", "a change to one app");
    figures.affected = measure(checkout, process.execPath, ["--import", "tsx", "libs/delivery/src/cli.ts", "affected", "--base", "HEAD~1", "--head", "HEAD", "--json"]);
  }
  return figures;
}

function main(): number {
  let values;
  try {
    values = parseArgs({ options: { baseline: { type: "string", default: "main" }, only: { type: "string" }, help: { type: "boolean" } } }).values;
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const keys = Object.keys(FIGURES) as FigureKey[];
  const asked = values.only?.split(",").filter(Boolean) ?? keys;
  const unknown = asked.filter((key) => !keys.includes(key as FigureKey));
  if (unknown.length > 0) {
    console.error(`--only: unknown figure ${unknown.map((key) => `"${key}"`).join(", ")}; expected some of ${keys.join(", ")}\n\n${USAGE}`);
    return 2;
  }
  const only = new Set(asked as FigureKey[]);
  const baseline = resolveCommit(WORKSPACE, values.baseline);
  const head = resolveCommit(WORKSPACE, "HEAD");
  if (baseline === head) console.warn(`The baseline ${values.baseline} is HEAD: every ratio will be about 1.`);
  if (git(WORKSPACE, "status", "--porcelain", "--untracked-files=no")) console.warn("Uncommitted changes are not measured: the bench checks out HEAD as committed.");

  const scratch = mkdtempSync(join(tmpdir(), "loop-bench-"));
  const checkouts: Checkout[] = [
    { label: `${values.baseline} (${baseline.slice(0, 7)})`, dir: join(scratch, "baseline"), log: join(scratch, "baseline.log"), planOut: join(scratch, "baseline-plan") },
    { label: `HEAD (${head.slice(0, 7)})`, dir: join(scratch, "head"), log: join(scratch, "head.log"), planOut: join(scratch, "head-plan") },
  ];
  const results: Partial<Record<FigureKey, Cost>>[] = [];
  try {
    for (const [checkout, commit] of [
      [checkouts[0]!, baseline],
      [checkouts[1]!, head],
    ] as const) {
      git(WORKSPACE, "worktree", "add", "--quiet", "--detach", checkout.dir, commit);
      console.log(`Measuring ${checkout.label} in ${checkout.dir} (log: ${checkout.log}) ...`);
      results.push(measureCheckout(checkout, only));
    }
  } finally {
    for (const checkout of checkouts) spawnSync("git", ["worktree", "remove", "--force", checkout.dir], { cwd: WORKSPACE, stdio: "ignore" });
    spawnSync("git", ["worktree", "prune"], { cwd: WORKSPACE, stdio: "ignore" });
  }
  const rows: Row[] = keys.filter((key) => only.has(key)).map((key) => ({ figure: FIGURES[key], baseline: results[0]?.[key], head: results[1]?.[key] }));
  console.log(`\n${renderTable(rows, { baseline: values.baseline, head: "HEAD" })}\n`);
  console.log(`Logs: ${scratch}. Ratio: HEAD / ${values.baseline}; below 1 is faster.`);
  for (const checkout of checkouts) rmSync(checkout.planOut, { recursive: true, force: true });
  return 0;
}

try {
  process.exitCode = main();
} catch (error) {
  console.error((error as Error).message);
  process.exitCode = 1;
}
