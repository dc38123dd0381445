import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { parse } from "yaml";

/** A Pulumi project found in the workspace. */
export interface PulumiProject {
  /** Name from its Pulumi.yaml. */
  readonly name: string;
  /** Absolute folder. */
  readonly dir: string;
  /** Folder relative to the workspace root. */
  readonly root: string;
  /** Stacks that have a `Pulumi.<stack>.yaml`, sorted. */
  readonly stacks: readonly string[];
}

/** Every folder under `projects/` with a Pulumi.yaml; new projects need no registration. */
export function findPulumiProjects(workspaceRoot: string): PulumiProject[] {
  const projectsDir = join(workspaceRoot, "projects");
  if (!existsSync(projectsDir)) return [];
  return readdirSync(projectsDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(projectsDir, entry.name, "Pulumi.yaml")))
    .map((entry) => {
      const dir = join(projectsDir, entry.name);
      const manifest = parse(readFileSync(join(dir, "Pulumi.yaml"), "utf8")) as { name?: unknown };
      if (typeof manifest?.name !== "string") throw new Error(`${relative(workspaceRoot, dir)}/Pulumi.yaml has no name`);
      const stacks = readdirSync(dir)
        .map((file) => /^Pulumi\.(.+)\.ya?ml$/.exec(file)?.[1])
        .filter((stack): stack is string => stack !== undefined)
        .sort();
      return { name: manifest.name, dir, root: relative(workspaceRoot, dir), stacks };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** A stack's configuration as the engine would pass it: namespaced keys, string values. */
export interface StackConfig {
  readonly values: Record<string, string>;
  readonly secretKeys: readonly string[];
}

/**
 * Reads `Pulumi.<stack>.yaml`. Secure values cannot be decrypted offline; they become a marked
 * placeholder and stay flagged as secret, exactly as the engine would flag them.
 */
export function readStackConfig(project: PulumiProject, stack: string): StackConfig {
  const file = ["yaml", "yml"].map((ext) => join(project.dir, `Pulumi.${stack}.${ext}`)).find((path) => existsSync(path));
  if (!file) throw new Error(`${project.root} has no Pulumi.${stack}.yaml`);
  const document = (parse(readFileSync(file, "utf8")) ?? {}) as { config?: Record<string, unknown> };
  const values: Record<string, string> = {};
  const secretKeys: string[] = [];
  for (const [rawKey, value] of Object.entries(document.config ?? {})) {
    const key = rawKey.includes(":") ? rawKey : `${project.name}:${rawKey}`;
    if (isSecure(value)) {
      values[key] = `offline-placeholder-for-${key.replace(/[^a-zA-Z0-9-]/g, "-")}`;
      secretKeys.push(key);
    } else if (containsSecure(value)) {
      // A structured value with a secure leaf: the engine hands it over whole, flagged secret.
      values[key] = JSON.stringify(replaceSecure(value, key));
      secretKeys.push(key);
    } else {
      values[key] = typeof value === "string" ? value : JSON.stringify(value);
    }
  }
  return { values, secretKeys: secretKeys.sort() };
}

function isSecure(value: unknown): value is { secure: string } {
  return typeof value === "object" && value !== null && Object.keys(value).length === 1 && "secure" in value;
}

function containsSecure(value: unknown): boolean {
  if (isSecure(value)) return true;
  if (typeof value !== "object" || value === null) return false;
  return Object.values(value).some(containsSecure);
}

function replaceSecure(value: unknown, path: string): unknown {
  if (isSecure(value)) return `offline-placeholder-for-${path.replace(/[^a-zA-Z0-9-]/g, "-")}`;
  if (Array.isArray(value)) return value.map((item, index) => replaceSecure(item, `${path}-${index}`));
  if (typeof value === "object" && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, replaceSecure(v, `${path}-${k}`)]));
  }
  return value;
}
