import { join } from "node:path";
import { generateFiles, getProjects, updateJson, type GeneratorCallback, type Tree } from "@nx/devkit";
import { appOptionProblems, normalizeOptions } from "./options";
import type { AppGeneratorSchema } from "./schema";
import { addTenant, CLUSTER_BASE_EXAMPLES } from "./tenant";
import { appWorkloads } from "./workload";

const PROJECT_FILES = join(__dirname, "files", "project");
const CONTRACT_FILES = join(__dirname, "files", "contract");

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
 * per environment, tests and a README; its own contract package (`contracts/<name>`: its outputs,
 * without examples, as nothing reads it); and its tenant in cluster-base's and networking's stack
 * files (its quota large enough for a rolling update of the new stacks) and in cluster-base's examples.
 */
export function appGenerator(tree: Tree, schema: AppGeneratorSchema): GeneratorCallback {
  const problems = appOptionProblems(schema, [...getProjects(tree).keys()]);
  const options = normalizeOptions(schema);
  for (const root of [options.projectRoot, options.contractRoot]) if (tree.exists(root)) problems.push(`${root} exists: choose another name`);
  if (problems.length > 0) {
    throw new Error(`Cannot generate the application, ${problems.length} problem(s):\n  - ${problems.join("\n  - ")}`);
  }
  generateFiles(tree, PROJECT_FILES, options.projectRoot, { ...options, tmpl: "" });
  sortDependencies(tree, `${options.projectRoot}/package.json`);
  generateFiles(tree, CONTRACT_FILES, options.contractRoot, { ...options, tmpl: "" });
  // The tenant's quota in each environment admits the project's stack file there at the peak of a rollout.
  const tenant = options.skipTenant
    ? { changed: [], examplesMissing: [] }
    : addTenant(tree, options.name, appWorkloads(tree, options.projectRoot, options.name));
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
      `Name the owning team of /${options.projectRoot}/ and /${options.contractRoot}/ in .github/CODEOWNERS.`,
      `Next: npm install (records @platform/${options.name} and @platform/${options.name}-contract in package-lock.json, which npm ci needs), then`,
      `  npx nx run ${options.name}:test && npm run plan -- --env dev --project ${options.name}`,
      `CI builds the image ${options.name}:<commit sha> and writes the tag into each stack file.`,
    ];
    console.log(next.filter(Boolean).join("\n"));
  };
}

export default appGenerator;
