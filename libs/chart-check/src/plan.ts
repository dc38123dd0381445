import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";

/** The Pulumi type of a Helm release; the plan records its inputs exactly as the program gave them. */
export const RELEASE_TYPE = "kubernetes:helm.sh/v3:Release";

/** One Helm release of one stack, as the offline plan recorded it. */
export interface Release {
  readonly env: string;
  readonly project: string;
  /** The Pulumi resource's name, to find it in the program. */
  readonly resource: string;
  readonly chart: string;
  readonly version: string;
  /** The chart repository, when the release names one. */
  readonly repo?: string;
  /** The Helm release name. */
  readonly name: string;
  readonly namespace: string;
  readonly values: Record<string, unknown>;
}

interface PlanResource {
  readonly type?: unknown;
  readonly name?: unknown;
  readonly inputs?: Record<string, unknown>;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The Helm releases in one stack's plan (`<env>/<project>.json`); `file` names it in errors. */
export function releasesOfPlan(plan: unknown, file: string): Release[] {
  if (!isRecord(plan) || typeof plan.stack !== "string" || typeof plan.project !== "string" || !Array.isArray(plan.resources)) {
    throw new Error(`${file} is not an offline plan: expected an object with stack, project and resources`);
  }
  const { stack: env, project } = plan;
  return (plan.resources as PlanResource[])
    .filter((resource) => resource.type === RELEASE_TYPE)
    .map((resource) => {
      const inputs = resource.inputs ?? {};
      const where = `${file}: Release ${String(resource.name)}`;
      const text = (key: string, value: unknown): string => {
        if (typeof value !== "string" || value === "") throw new Error(`${where} has ${key} ${JSON.stringify(value)}: expected a non-empty string`);
        return value;
      };
      const values = inputs.values ?? {};
      if (!isRecord(values)) throw new Error(`${where} has values ${JSON.stringify(values)}: expected an object`);
      const repo = isRecord(inputs.repositoryOpts) ? inputs.repositoryOpts.repo : undefined;
      const chart = text("chart", inputs.chart);
      return {
        env,
        project,
        resource: String(resource.name),
        chart,
        version: text("version", inputs.version),
        ...(typeof repo === "string" && repo !== "" ? { repo } : {}),
        // Helm names a release after its chart when the program gives no name.
        name: inputs.name === undefined ? chart : text("name", inputs.name),
        namespace: inputs.namespace === undefined ? "default" : text("namespace", inputs.namespace),
        values,
      };
    });
}

/** Every release in a plan folder (`<dir>/<env>/<project>.json`), for the given environments or all of them. */
export function readPlanFolder(dir: string, envs?: readonly string[]): Release[] {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new Error(`Plan folder ${dir} does not exist: write one with \`npm run plan -- --out ${dir}\``);
  const present = readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
  const missing = (envs ?? []).filter((env) => !present.includes(env));
  if (missing.length > 0) throw new Error(`Plan folder ${dir} has no environment ${missing.join(", ")} (it has: ${present.join(", ") || "none"})`);
  return (envs ?? present).flatMap((env) =>
    readdirSync(join(dir, env))
      .filter((file) => file.endsWith(".json"))
      .sort()
      .flatMap((file) => {
        const path = join(dir, env, file);
        let plan: unknown;
        try {
          plan = JSON.parse(readFileSync(path, "utf8"));
        } catch (error) {
          throw new Error(`${path} is not JSON: ${(error as Error).message}`);
        }
        return releasesOfPlan(plan, path);
      }),
  );
}
