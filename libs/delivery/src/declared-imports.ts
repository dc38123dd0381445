/**
 * Nx draws an edge between workspace packages only where package.json declares the dependency, yet
 * an undeclared import of a workspace package still resolves through the hoisted node_modules. So
 * the floors are only as good as the declarations: this finds every import of a workspace package
 * that the importing package does not declare.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import ts from "typescript";

export interface PackageSources {
  /** Folder relative to the workspace root. */
  readonly root: string;
  readonly name: string;
  /** Every package named under dependencies, devDependencies, peerDependencies or optionalDependencies. */
  readonly declared: readonly string[];
}

const SKIPPED_FOLDERS = new Set(["node_modules", "dist", "coverage", ".nx"]);

function sourceFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    if (entry.isDirectory()) return SKIPPED_FOLDERS.has(entry.name) || entry.name.startsWith(".") ? [] : sourceFiles(join(folder, entry.name));
    return /\.(ts|mts|cts)$/.test(entry.name) && !entry.name.endsWith(".d.ts") ? [join(folder, entry.name)] : [];
  });
}

/** `@scope/name/sub/path` -> `@scope/name`; `name/sub` -> `name`. */
function packageOf(specifier: string): string {
  const parts = specifier.split("/");
  return specifier.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0]!;
}

/** One line per import of a workspace package that the importing package does not declare. */
export function undeclaredWorkspaceImports(workspaceRoot: string, packages: readonly PackageSources[]): string[] {
  const workspaceNames = new Set(packages.map((pkg) => pkg.name));
  return packages.flatMap((pkg) =>
    sourceFiles(join(workspaceRoot, pkg.root)).flatMap((file) =>
      ts
        .preProcessFile(readFileSync(file, "utf8"), true, true)
        .importedFiles.map((imported) => packageOf(imported.fileName))
        .filter((name, index, all) => workspaceNames.has(name) && name !== pkg.name && !pkg.declared.includes(name) && all.indexOf(name) === index)
        .map((name) => `${relative(workspaceRoot, file)} imports ${name}, which ${pkg.root}/package.json does not declare`),
    ),
  );
}
