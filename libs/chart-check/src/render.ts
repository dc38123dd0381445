import { parseAllDocuments } from "yaml";

/** An object as `helm template` rendered it. */
export interface RenderedObject {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: { readonly name?: string; readonly generateName?: string; readonly namespace?: string; readonly [key: string]: unknown };
  readonly [key: string]: unknown;
}

export interface Rendered {
  readonly crds: RenderedObject[];
  readonly objects: RenderedObject[];
  /** Documents that are not Kubernetes objects (no apiVersion, kind or name). */
  readonly malformed: string[];
}

/** Splits `helm template` output into CRDs and other objects; `# Source:` comments name malformed ones. */
export function parseRendered(text: string): Rendered {
  const crds: RenderedObject[] = [];
  const objects: RenderedObject[] = [];
  const malformed: string[] = [];
  for (const document of parseAllDocuments(text)) {
    const source = /^# Source: (\S+)/m.exec(text.slice(document.range[0], document.range[2]))?.[1] ?? "an unnamed template";
    if (document.errors.length > 0) {
      malformed.push(`${source} is not valid YAML: ${document.errors[0]!.message}`);
      continue;
    }
    const value = document.toJS() as unknown;
    if (value === null || value === undefined) continue;
    const object = value as Partial<RenderedObject>;
    if (typeof object.apiVersion !== "string" || typeof object.kind !== "string" || typeof object.metadata !== "object" || object.metadata === null || !(object.metadata.name || object.metadata.generateName)) {
      malformed.push(`${source} renders a document without apiVersion, kind and metadata.name`);
      continue;
    }
    (object.kind === "CustomResourceDefinition" ? crds : objects).push(object as RenderedObject);
  }
  return { crds, objects, malformed };
}

/**
 * What `--api-versions` tells helm about the CRDs an environment installs: with a cluster, charts
 * see them through `.Capabilities.APIVersions` and render their ServiceMonitors and the like;
 * `helm template` sees only built-in APIs unless told.
 */
export function crdApiVersions(crds: readonly RenderedObject[]): string[] {
  const versions = new Set<string>();
  for (const crd of crds) {
    const spec = crd.spec as { group?: string; names?: { kind?: string }; versions?: { name?: string; served?: boolean }[] } | undefined;
    if (!spec?.group || !spec.names?.kind) continue;
    for (const version of spec.versions ?? []) {
      if (!version.name || version.served === false) continue;
      versions.add(`${spec.group}/${version.name}`);
      versions.add(`${spec.group}/${version.name}/${spec.names.kind}`);
    }
  }
  return [...versions].sort();
}

export interface TemplateCall {
  readonly releaseName: string;
  readonly chartDir: string;
  readonly namespace: string;
  readonly valuesFile: string;
  readonly kubeVersion: string;
  readonly apiVersions: readonly string[];
}

/** The arguments of `helm template` for one release: what `helm install` would send, without a cluster. */
export function templateArgs(call: TemplateCall): string[] {
  return [
    "template",
    call.releaseName,
    call.chartDir,
    "--namespace",
    call.namespace,
    "--values",
    call.valuesFile,
    "--kube-version",
    call.kubeVersion,
    "--include-crds",
    // Chart tests run only on `helm test`, which no stack does.
    "--skip-tests",
    ...call.apiVersions.flatMap((version) => ["--api-versions", version]),
  ];
}
