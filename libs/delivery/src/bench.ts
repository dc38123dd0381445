#!/usr/bin/env -S node --import tsx
/**
 * `npx tsx libs/delivery/src/bench.ts`: what typical changes preview, measured on a copy of this
 * workspace at HEAD. For each change: the stacks previewed per environment against all stacks,
 * what plain `nx show projects --affected` would have said, and the wall time of each.
 */
import { execFileSync } from "node:child_process";
import { appendFileSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { computeAffected } from "./compute";
import { PROMOTION_ORDER } from "./environments";

const MAIN = resolve(__dirname, "../../..");

interface Change {
  readonly name: string;
  /** Files to append a line to; a comment in their own syntax. */
  readonly files: readonly [path: string, line: string][];
}

const CHANGES: readonly Change[] = [
  { name: "one app (degenquest program)", files: [["projects/degenquest/src/program.ts", "// change\n"]] },
  { name: "a base layer (cluster-base program)", files: [["projects/cluster-base/src/program.ts", "// change\n"]] },
  { name: "a shared library (libs/service)", files: [["libs/service/src/service.ts", "// change\n"]] },
  { name: "one stack file (networking staging)", files: [["projects/networking/Pulumi.staging.yaml", "# change\n"]] },
  {
    name: "documentation (README.md, docs/, a base layer's README)",
    files: [
      ["README.md", "\nchange\n"],
      ["docs/architecture.md", "\nchange\n"],
      ["projects/networking/README.md", "\nchange\n"],
    ],
  },
];

function git(cwd: string, ...args: string[]): string {
  return execFileSync("git", args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }).trim();
}

function nxAffected(cwd: string, base: string, head: string): string[] {
  const out = execFileSync(join(cwd, "node_modules/.bin/nx"), ["show", "projects", "--affected", `--base=${base}`, `--head=${head}`, "--json"], {
    cwd,
    encoding: "utf8",
    env: { ...process.env, NX_DAEMON: "false", NX_NO_CLOUD: "true" },
    stdio: ["ignore", "pipe", "ignore"],
  });
  return JSON.parse(out) as string[];
}

function main(): void {
  const scratch = mkdtempSync(join(tmpdir(), "delivery-bench-"));
  const workspace = join(scratch, "workspace");
  try {
    git(scratch, "clone", "--quiet", "--shared", MAIN, workspace);
    symlinkSync(join(MAIN, "node_modules"), join(workspace, "node_modules"));
    git(workspace, "config", "user.email", "bench@example.com");
    git(workspace, "config", "user.name", "bench");
    const base = git(workspace, "rev-parse", "HEAD");
    console.log(`Workspace at ${base.slice(0, 12)}; environments ${PROMOTION_ORDER.join(", ")}.\n`);

    for (const change of CHANGES) {
      git(workspace, "checkout", "--quiet", "-B", "bench", base);
      for (const [path, line] of change.files) appendFileSync(join(workspace, path), line);
      git(workspace, "add", "--", ...change.files.map(([path]) => path));
      git(workspace, "commit", "--quiet", "-m", change.name);
      const head = git(workspace, "rev-parse", "HEAD");

      let began = performance.now();
      const result = computeAffected({ workspaceRoot: workspace, base, head, environments: PROMOTION_ORDER });
      const ms = performance.now() - began;
      began = performance.now();
      const pulumiProjects = new Set(Object.values(result.all).flat().map((stack) => stack.project));
      const plainNx = nxAffected(workspace, base, head).filter((name) => pulumiProjects.has(name));
      const nxMs = performance.now() - began;

      console.log(`${change.name}`);
      for (const env of PROMOTION_ORDER) {
        const stacks = result.environments[env]!;
        const list = stacks.map((stack) => `${stack.project}${stack.reason === "dependent" ? "*" : ""}`).join(", ") || "-";
        console.log(`  ${env.padEnd(10)} ${stacks.length} of ${result.all[env]!.length} stacks: ${list}`);
      }
      console.log(`  computed in ${(ms / 1000).toFixed(1)} s; plain nx affected: ${plainNx.length} Pulumi projects per environment (${(nxMs / 1000).toFixed(1)} s)\n`);
    }
    console.log("* dependent: reads an affected stack.");
    const lockLines = readFileSync(join(workspace, "package-lock.json"), "utf8").split("\n").length;
    console.log(`(package-lock.json: ${lockLines} lines; plain Nx affects every project on any lockfile change under npm.)`);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

main();
