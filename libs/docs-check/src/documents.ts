import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { extractCommands, type DocCommand } from "./extract-commands";

/** The documents whose commands must be real: docs/**, the root README and every package's README. */
export function operationalDocuments(workspaceRoot: string): string[] {
  const files = [join(workspaceRoot, "README.md"), ...markdownUnder(join(workspaceRoot, "docs"))];
  for (const parent of ["projects", "libs"]) {
    const dir = join(workspaceRoot, parent);
    if (!existsSync(dir)) continue;
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const readme = join(dir, entry.name, "README.md");
      if (entry.isDirectory() && existsSync(readme)) files.push(readme);
    }
  }
  return files.filter((file) => existsSync(file)).map((file) => relative(workspaceRoot, file));
}

export function commandsInDocuments(workspaceRoot: string, files: readonly string[]): DocCommand[] {
  return files.flatMap((file) => extractCommands(readFileSync(join(workspaceRoot, file), "utf8"), file));
}

function markdownUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith(".md"))
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}
