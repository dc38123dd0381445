import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { affectedStacks, type AffectedReport } from "./affected";
import { classifyFile, type FileImpact } from "./classify";
import { changedFiles, fileAt, resolveCommit } from "./git";
import { lockfileChanges } from "./lockfile";
import type { WorkspaceGraph } from "./workspace-graph";

export interface ComputeOptions {
  /** The workspace, checked out at `head`. */
  readonly workspaceRoot: string;
  readonly base: string;
  readonly head: string;
  readonly environments: readonly string[];
}

export interface ComputedAffected extends AffectedReport {
  /** Every changed file with what it can change, for the readable report. */
  readonly files: readonly FileImpact[];
}

type Snapshot = WorkspaceGraph & { readonly touchedByWorkspaceFiles: readonly string[] };

const SNAPSHOT_SCRIPT = join(__dirname, "nx-snapshot.ts");
const TS_LOADER = require.resolve("@platform/ts-loader");

/** The Nx project graph of the workspace, and what Nx says the changed workspace-level files touch. */
export function readWorkspace(workspaceRoot: string, base: string, head: string, changed: readonly string[] = []): Snapshot {
  const dir = mkdtempSync(join(tmpdir(), "delivery-"));
  const out = join(dir, "snapshot.json");
  try {
    execFileSync(process.execPath, ["--require", TS_LOADER, SNAPSHOT_SCRIPT, out, base, head, ...changed], {
      cwd: workspaceRoot,
      // Plugins load in this one process: Nx's isolated plugin workers cost half a second each.
      env: { ...process.env, NX_DAEMON: "false", NX_NO_CLOUD: "true", NX_ISOLATE_PLUGINS: "false" },
      stdio: ["ignore", "ignore", "pipe"],
      encoding: "utf8",
    });
    return JSON.parse(readFileSync(out, "utf8")) as Snapshot;
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr?.trim();
    throw new Error(`Could not read the Nx project graph of ${workspaceRoot}: ${stderr || (error as Error).message}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The stacks to preview or deploy for the change from `base` to `head`, per environment. */
export function computeAffected(options: ComputeOptions): ComputedAffected {
  const { workspaceRoot } = options;
  const head = resolveCommit(workspaceRoot, options.head);
  const checkedOut = resolveCommit(workspaceRoot, "HEAD");
  if (head !== checkedOut) {
    throw new Error(`--head ${options.head} is ${head}, but the workspace has ${checkedOut} checked out: check out the head commit first`);
  }
  const base = resolveCommit(workspaceRoot, options.base);
  const files = changedFiles(workspaceRoot, base, head);

  const snapshot = readWorkspace(workspaceRoot, base, head, files);
  const impacts = files.map((file) => classifyFile(file, Object.values(snapshot.projects)));

  const lockfile = impacts.find((impact) => impact.kind === "lockfile");
  const report = affectedStacks({
    graph: snapshot,
    files: impacts,
    ...(lockfile ? { lockfile: lockfileChanges(fileAt(workspaceRoot, base, lockfile.file), fileAt(workspaceRoot, head, lockfile.file)) } : {}),
    touchedByWorkspaceFiles: snapshot.touchedByWorkspaceFiles,
    environments: options.environments,
  });
  return { ...report, files: impacts };
}
