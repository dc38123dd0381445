/**
 * The affected stacks, as `libs/delivery` computes them for a change between two commits: per
 * environment, in dependency order, each marked direct (its own files changed) or dependent (it
 * reads a stack that is affected).
 */
import { z } from "zod";
import { run } from "./process";

const affectedStack = z.looseObject({
  project: z.string(),
  stack: z.string(),
  reason: z.enum(["direct", "dependent"]),
  dependsOn: z.array(z.string()).default([]),
});

const byEnvironment = z.record(z.string(), z.array(affectedStack));

export const affectedSchema = z.looseObject({
  environments: byEnvironment,
  all: byEnvironment.optional(),
});

export type AffectedStack = z.infer<typeof affectedStack>;
export type Affected = z.infer<typeof affectedSchema>;

/** The environments in promotion order; a stack file named otherwise is never deployed by CI. */
export const ENVIRONMENTS = ["dev", "staging", "production"] as const;
export type Environment = (typeof ENVIRONMENTS)[number];

export function isEnvironment(value: string): value is Environment {
  return (ENVIRONMENTS as readonly string[]).includes(value);
}

export function parseAffected(text: string, source: string): Affected {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new Error(`${source} did not print JSON: ${JSON.stringify(text.trim().slice(0, 200))}`);
  }
  const parsed = affectedSchema.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
    throw new Error(`${source} printed JSON of an unexpected shape:\n  - ${problems.join("\n  - ")}`);
  }
  return parsed.data;
}

/** The affected stacks between two commits, from the delivery library's command line. */
export async function affectedBetween(workspaceRoot: string, base: string, head: string): Promise<Affected> {
  const args = ["tsx", "libs/delivery/src/cli.ts", "affected", "--base", base, "--head", head, "--json"];
  const result = await run("npx", args, { cwd: workspaceRoot, capture: true });
  if (result.code !== 0) throw new Error(`npx ${args.join(" ")} failed (exit ${result.code}):\n${result.stderr.trim()}`);
  return parseAffected(result.stdout, `npx ${args.join(" ")}`);
}
