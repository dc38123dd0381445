import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";

/**
 * Writes a throw-away workspace of small Pulumi programs under this package (so their imports
 * resolve through the repository's node_modules) and returns its root and a cleanup.
 */
export function writeFixtureWorkspace(files: Record<string, string>): { root: string; remove(): void } {
  const root = mkdtempSync(join(resolve(__dirname, ".."), ".fixture-"));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  return { root, remove: () => rmSync(root, { recursive: true, force: true }) };
}

/** A minimal Pulumi project: its manifest, stack files and program. */
export function fixtureProject(name: string, program: string, stacks: Record<string, string>, extra: Record<string, string> = {}) {
  return {
    [`projects/${name}/Pulumi.yaml`]: `name: ${name}\nruntime: nodejs\n`,
    [`projects/${name}/index.ts`]: program,
    ...Object.fromEntries(Object.entries(stacks).map(([stack, config]) => [`projects/${name}/Pulumi.${stack}.yaml`, config])),
    ...Object.fromEntries(Object.entries(extra).map(([path, content]) => [`projects/${name}/${path}`, content])),
  };
}
