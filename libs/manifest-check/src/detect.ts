import { extname } from "node:path";
import { parseAllDocuments } from "yaml";

/** Files that look like configuration but are not Kubernetes objects, whatever they contain. */
const EXCLUDED: readonly RegExp[] = [
  /(^|\/)Pulumi(\.[^/]+)?\.ya?ml$/, // Pulumi projects and stacks
  /(^|\/)PulumiPolicy\.ya?ml$/,
  /(^|\/)\.circleci\//,
  /(^|\/)(package|package-lock|tsconfig[^/]*|nx|project)\.json$/,
];

const CHECKED_EXTENSIONS = [".yaml", ".yml", ".json"];

/** Whether the file is one the check reads at all. */
export function isCandidate(path: string): boolean {
  return CHECKED_EXTENSIONS.includes(extname(path).toLowerCase()) && !EXCLUDED.some((pattern) => pattern.test(path));
}

function kindOf(document: unknown): string | undefined {
  if (typeof document !== "object" || document === null || Array.isArray(document)) return undefined;
  const { apiVersion, kind } = document as Record<string, unknown>;
  return typeof apiVersion === "string" && typeof kind === "string" ? kind : undefined;
}

// A document of a templated manifest (a Helm chart's templates/) is not valid YAML, but its
// top-level `apiVersion:` and `kind:` lines still give it away.
const TOP_LEVEL_API_VERSION = /^apiVersion:[ \t]*\S/m;
const TOP_LEVEL_KIND = /^kind:[ \t]*(\S+)/m;

/**
 * The kinds of Kubernetes objects a file declares (every document of a multi-document YAML),
 * or an empty list when it declares none.
 */
export function manifestKinds(path: string, content: string): string[] {
  if (extname(path).toLowerCase() === ".json") {
    try {
      const kind = kindOf(JSON.parse(content));
      return kind ? [kind] : [];
    } catch {
      return [];
    }
  }
  const documents = parseAllDocuments(content);
  const list = Array.isArray(documents) ? documents : [];
  if (list.length === 0 || list.some((document) => document.errors.length > 0)) {
    const kind = TOP_LEVEL_KIND.exec(content)?.[1];
    return kind !== undefined && TOP_LEVEL_API_VERSION.test(content) ? [kind] : [];
  }
  return list.map((document) => kindOf(document.toJS())).filter((kind): kind is string => kind !== undefined);
}

export interface ManifestFinding {
  readonly path: string;
  readonly kinds: readonly string[];
}

export function describeFinding(finding: ManifestFinding): string {
  return `${finding.path} is a Kubernetes manifest (${finding.kinds.join(", ")}): declare it in Pulumi instead`;
}

/** Files among `paths` that are Kubernetes manifests; `read` gives a file's content, or undefined when it is gone. */
export function findManifests(paths: readonly string[], read: (path: string) => string | undefined): ManifestFinding[] {
  return paths.filter(isCandidate).flatMap((path) => {
    const content = read(path);
    const kinds = content === undefined ? [] : manifestKinds(path, content);
    return kinds.length > 0 ? [{ path, kinds }] : [];
  });
}
