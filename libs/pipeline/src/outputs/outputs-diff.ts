/**
 * Which stacks' outputs a change alters, from the offline plan at the base and at the head commit.
 * A dependent's `pulumi preview` reads the outputs deployed today, so it cannot show what the new
 * upstream outputs will do to it; the comment says so wherever this diff is not empty.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

export interface OutputsChange {
  readonly environment: string;
  readonly project: string;
  readonly added: readonly string[];
  readonly removed: readonly string[];
  readonly changed: readonly string[];
}

/** `<environment>` -> `<project>` -> outputs, as the offline plan wrote them. */
export type PlannedOutputs = ReadonlyMap<string, ReadonlyMap<string, Record<string, unknown>>>;

/** Reads `<dir>/<environment>/<project>.json` files written by `npm run plan -- --out <dir>`. */
export function readPlannedOutputs(dir: string): PlannedOutputs {
  const environments = new Map<string, Map<string, Record<string, unknown>>>();
  if (!existsSync(dir)) return environments;
  for (const environment of readdirSync(dir, { withFileTypes: true }).filter((entry) => entry.isDirectory())) {
    const projects = new Map<string, Record<string, unknown>>();
    for (const file of readdirSync(join(dir, environment.name)).filter((name) => name.endsWith(".json"))) {
      const plan = JSON.parse(readFileSync(join(dir, environment.name, file), "utf8")) as { outputs?: Record<string, unknown> };
      projects.set(file.replace(/\.json$/, ""), plan.outputs ?? {});
    }
    environments.set(environment.name, projects);
  }
  return environments;
}

/** JSON with object keys sorted, so two equal values always print the same. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonical(item)}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "undefined";
}

/**
 * Every stack whose outputs differ between the two plans. Secret outputs are masked in both plans,
 * so a change inside a secret is invisible here; a stack new at the head has every output added.
 */
export function diffPlannedOutputs(base: PlannedOutputs, head: PlannedOutputs): OutputsChange[] {
  const result: OutputsChange[] = [];
  for (const [environment, projects] of head) {
    for (const [project, after] of projects) {
      const before = base.get(environment)?.get(project) ?? {};
      const added = Object.keys(after).filter((key) => !(key in before));
      const removed = Object.keys(before).filter((key) => !(key in after));
      const changed = Object.keys(after).filter((key) => key in before && canonical(before[key]) !== canonical(after[key]));
      if (added.length + removed.length + changed.length > 0) result.push({ environment, project, added, removed, changed });
    }
  }
  return result.sort((a, b) => a.environment.localeCompare(b.environment) || a.project.localeCompare(b.project));
}

/** One line naming what changes in an upstream stack's outputs: `ingressClass changed, tlsIssuer added`. */
export function describeOutputsChange(change: OutputsChange): string {
  const parts = [
    ...change.changed.map((key) => `\`${key}\` changed`),
    ...change.added.map((key) => `\`${key}\` added`),
    ...change.removed.map((key) => `\`${key}\` removed`),
  ];
  return parts.join(", ");
}
