import { join } from "node:path";
import { generateFiles, getProjects, type GeneratorCallback, type Tree } from "@nx/devkit";
import { appOptionProblems, normalizeOptions } from "./options";
import type { AppGeneratorSchema } from "./schema";
import { addTenant } from "./tenant";

/**
 * `nx g @platform/nx-pulumi:app <name>`: a new application project on the service component,
 * reading cluster-base, networking and observability through their contracts, with a stack per
 * environment, tests and a README; and its tenant in cluster-base's stack files.
 */
export function appGenerator(tree: Tree, schema: AppGeneratorSchema): GeneratorCallback {
  const problems = appOptionProblems(schema, [...getProjects(tree).keys()]);
  if (tree.exists(`projects/${schema.name}`)) problems.push(`projects/${schema.name} exists: choose another name`);
  if (problems.length > 0) {
    throw new Error(`Cannot generate the application, ${problems.length} problem(s):\n  - ${problems.join("\n  - ")}`);
  }
  const options = normalizeOptions(schema);
  generateFiles(tree, join(__dirname, "files"), options.projectRoot, { ...options, tmpl: "" });
  const tenantFiles = options.skipTenant ? [] : addTenant(tree, options.name);
  return () => {
    const next = [
      `Created ${options.projectRoot}.`,
      tenantFiles.length > 0 ? `Added the tenant "${options.name}" to ${tenantFiles.join(", ")}: the platform team reviews its quota.` : "",
      "Next: npm install (records the new package in package-lock.json, which npm ci needs), then",
      `  npx nx run ${options.name}:test && npm run plan -- --env dev --project ${options.name}`,
      `CI builds the image ${options.name}:<commit sha> and writes the tag into each stack file.`,
    ];
    console.log(next.filter(Boolean).join("\n"));
  };
}

export default appGenerator;
