import { readdirSync } from "node:fs";
import { join } from "node:path";
import { generateFiles, getProjects, updateJson, type GeneratorCallback, type Tree } from "@nx/devkit";
import { parse } from "yaml";
import { appOptionProblems, normalizeOptions, type AppOptions } from "./options";
import type { AppGeneratorSchema } from "./schema";
import { addTenant, CLUSTER_BASE_EXAMPLES } from "./tenant";

const PROJECT_FILES = join(__dirname, "files", "project");
const CONTRACT_FILES = join(__dirname, "files", "contract");

/** Environments in the platform's order (`ENVIRONMENTS` of `@platform/config`), for the examples. */
const ENVIRONMENT_ORDER = ["local", "e2e", "dev", "staging", "production"];

/** The stacks the generator writes a `Pulumi.<stack>.yaml` for, in the platform's order. */
export function generatedStacks(): string[] {
  const stacks = readdirSync(PROJECT_FILES)
    .map((file) => /^Pulumi\.([^.]+)\.yaml__tmpl__$/.exec(file)?.[1])
    .filter((stack): stack is string => stack !== undefined);
  const rank = (stack: string) => (ENVIRONMENT_ORDER.includes(stack) ? ENVIRONMENT_ORDER.indexOf(stack) : ENVIRONMENT_ORDER.length);
  return stacks.sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

/** What a stack of the new application publishes: its contract's outputs. */
export interface AppExample {
  readonly stack: string;
  readonly outputs: { readonly imageTag: string; readonly namespace: string; readonly url: string };
}

function stackConfig(tree: Tree, path: string): Record<string, unknown> {
  const text = tree.exists(path) ? tree.read(path, "utf8")! : "";
  return ((parse(text) ?? {}) as { config?: Record<string, unknown> }).config ?? {};
}

/** The base domain networking publishes in a stack (`networking:domain` of its stack file), if it sets one. */
function baseDomain(tree: Tree, stack: string): string | undefined {
  const domain = stackConfig(tree, `projects/networking/Pulumi.${stack}.yaml`)["networking:domain"];
  return typeof domain === "string" && domain !== "" ? domain : undefined;
}

/**
 * What each generated stack publishes, from the stack files as written and the base domain of
 * the same networking stack: the program exports the tenant namespace cluster-base names after
 * the tenant, `https://<subdomain>.<baseDomain>` and the image tag.
 */
export function appExamples(tree: Tree, options: AppOptions, stacks: readonly string[]): AppExample[] {
  return stacks.map((stack) => {
    const config = stackConfig(tree, `${options.projectRoot}/Pulumi.${stack}.yaml`);
    const subdomain = config[`${options.name}:subdomain`] ?? options.name;
    return {
      stack,
      outputs: {
        imageTag: String(config[`${options.name}:imageTag`]),
        namespace: options.name,
        url: `https://${String(subdomain)}.${baseDomain(tree, stack)}`,
      },
    };
  });
}

/** "local, dev, staging and production" */
function inWords(items: readonly string[]): string {
  return items.length <= 1 ? items.join("") : `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

/** package.json's dependencies in name order, as npm writes them. */
function sortDependencies(tree: Tree, path: string): void {
  updateJson(tree, path, (manifest: Record<string, Record<string, string> | unknown>) => {
    for (const field of ["dependencies", "devDependencies"]) {
      const deps = manifest[field] as Record<string, string> | undefined;
      if (deps) manifest[field] = Object.fromEntries(Object.entries(deps).sort(([a], [b]) => a.localeCompare(b)));
    }
    return manifest;
  });
}

/**
 * `nx g @platform/nx-pulumi:app <name>`: a new application project on the service component,
 * reading cluster-base, networking and observability through their contract packages, with a stack
 * per environment, tests and a README; its own contract package (`contracts/<name>`: its outputs
 * and what each stack publishes); and its tenant in cluster-base's and networking's stack files and
 * in cluster-base's examples.
 */
export function appGenerator(tree: Tree, schema: AppGeneratorSchema): GeneratorCallback {
  const problems = appOptionProblems(schema, [...getProjects(tree).keys()]);
  const options = normalizeOptions(schema);
  for (const root of [options.projectRoot, options.contractRoot]) if (tree.exists(root)) problems.push(`${root} exists: choose another name`);
  const stacks = generatedStacks();
  const withoutDomain = stacks.filter((stack) => baseDomain(tree, stack) === undefined);
  if (withoutDomain.length > 0) {
    const files = withoutDomain.map((stack) => `projects/networking/Pulumi.${stack}.yaml`).join(", ");
    problems.push(`networking:domain is not set in ${files}: the application is served under that base domain, and its contract's examples say where`);
  }
  if (problems.length > 0) {
    throw new Error(`Cannot generate the application, ${problems.length} problem(s):\n  - ${problems.join("\n  - ")}`);
  }
  generateFiles(tree, PROJECT_FILES, options.projectRoot, { ...options, tmpl: "" });
  sortDependencies(tree, `${options.projectRoot}/package.json`);
  generateFiles(tree, CONTRACT_FILES, options.contractRoot, {
    ...options,
    examples: appExamples(tree, options, stacks),
    stackList: inWords(stacks),
    tmpl: "",
  });
  const tenant = options.skipTenant ? { changed: [], examplesMissing: [] } : addTenant(tree, options.name);
  return () => {
    const next = [
      `Created ${options.projectRoot} and its contract package ${options.contractRoot} (@platform/${options.name}-contract).`,
      tenant.changed.length > 0 ? `Added the tenant "${options.name}" to ${tenant.changed.join(", ")}: the platform team reviews its quota.` : "",
      tenant.examplesMissing.length > 0
        ? `Add the tenant "${options.name}" to the ${inWords(tenant.examplesMissing)} examples in ${CLUSTER_BASE_EXAMPLES} by hand: cluster-base publishes it there, and ${options.name}'s tests read it.`
        : "",
      options.skipTenant
        ? `No tenant added: ${options.name}'s tests pass once cluster-base's stack files and ${CLUSTER_BASE_EXAMPLES} list the tenant "${options.name}".`
        : "",
      `Add ${options.camelName}Examples (@platform/${options.name}-contract/examples) to the examples that libs/platform-tests/src/contract-examples.test.ts checks against the plan.`,
      `Name the owning team of /${options.projectRoot}/ and /${options.contractRoot}/ in .github/CODEOWNERS.`,
      `Next: npm install (records @platform/${options.name} and @platform/${options.name}-contract in package-lock.json, which npm ci needs), then`,
      `  npx nx run ${options.name}:test && npm run plan -- --env dev --project ${options.name}`,
      `CI builds the image ${options.name}:<commit sha> and writes the tag into each stack file; record it in ${options.contractRoot}/src/examples.ts too.`,
    ];
    console.log(next.filter(Boolean).join("\n"));
  };
}

export default appGenerator;
