import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ApiError } from "@platform/e2e/src/kube";
import type { ApiServer } from "./api";
import { type ChartSource, type Helm, HelmError, locateChart, templateSources } from "./helm";
import type { Release } from "./plan";
import { crdApiVersions, parseRendered, type RenderedObject, templateArgs } from "./render";
import type { ChartRun, Problem } from "./report";
import { formatKeyPath, reachedAsText, reachedRenderedObjects, readByTemplates, type TemplateSource, type UnknownKey, unknownValueKeys } from "./values-keys";

export interface CheckOptions {
  readonly releases: readonly Release[];
  readonly helm: Helm;
  readonly source: ChartSource;
  readonly api: ApiServer;
  /** The control plane's version, which helm renders for (`--kube-version`). */
  readonly kubeVersion: string;
  /** What the API server serves, for `.Capabilities.APIVersions`; empty renders with helm's fixed list. */
  readonly servedApiVersions?: readonly string[];
  /** Where values files are written. */
  readonly workDir: string;
  /** Seconds to wait for a CRD to be Established, or gone after its deletion. */
  readonly crdTimeoutSeconds?: number;
  /** Told as each environment is rendered and validated: a long run shows where it is. */
  readonly progress?: (message: string) => void;
}

export interface CheckResult {
  readonly runs: ChartRun[];
  readonly problems: Problem[];
}

interface Entry {
  readonly release: Release;
  readonly problems: Problem[];
  seconds: number;
  chartDir?: string;
  valuesFile?: string;
  crds: RenderedObject[];
  objects: RenderedObject[];
  validated: number;
  unknownKeys: UnknownKey[];
  templates: TemplateSource[];
}

const CRD_API = "apiextensions.k8s.io/v1";

/**
 * Checks each release environment by environment: locate and render the chart with the
 * release's values, compare the values' keys with the chart's, then apply the environment's CRDs
 * for real and dry-run every other object. CRDs are removed before the next environment, whose
 * charts may pin other versions of them.
 */
export async function checkReleases(options: CheckOptions): Promise<CheckResult> {
  mkdirSync(options.workDir, { recursive: true });
  const charts = new Map<string, Promise<string>>();
  const defaults = new Map<string, Promise<Record<string, unknown>>>();
  const entries: Entry[] = [];
  for (const env of [...new Set(options.releases.map((release) => release.env))]) {
    const inEnv = options.releases.filter((release) => release.env === env).map((release): Entry => ({ release, problems: [], seconds: 0, crds: [], objects: [], validated: 0, unknownKeys: [], templates: [] }));
    entries.push(...inEnv);
    options.progress?.(`${env}: rendering ${inEnv.map((entry) => `${entry.release.chart} ${entry.release.version}`).join(", ")}`);
    for (const entry of inEnv) await timed(entry, () => prepare(options, entry, charts, defaults));
    // Charts see the APIs of the cluster and the CRDs their environment installs (ServiceMonitors
    // appear only then), as on a real install: render again with them.
    const apiVersions = [...(options.servedApiVersions ?? []), ...crdApiVersions(inEnv.flatMap((entry) => entry.crds))];
    if (apiVersions.length > 0) for (const entry of inEnv) await timed(entry, () => render(options, entry, apiVersions));
    for (const entry of inEnv) reportUnknownKeys(entry);
    options.progress?.(`${env}: validating ${inEnv.reduce((sum, entry) => sum + entry.crds.length + entry.objects.length, 0)} objects`);
    await validate(options, inEnv);
  }
  return {
    runs: entries.map(({ release, problems, seconds, crds, objects, validated }) => ({
      env: release.env,
      chart: release.chart,
      version: release.version,
      rendered: crds.length + objects.length,
      validated,
      problems: problems.length,
      seconds,
    })),
    problems: entries.flatMap((entry) => entry.problems),
  };
}

async function timed(entry: Entry, work: () => Promise<void>): Promise<void> {
  const started = performance.now();
  try {
    await work();
  } finally {
    entry.seconds += (performance.now() - started) / 1000;
  }
}

function problem(entry: Entry, kind: Problem["kind"], message: string): void {
  const { env, chart, version } = entry.release;
  entry.problems.push({ env, chart, version, kind, message });
}

async function prepare(options: CheckOptions, entry: Entry, charts: Map<string, Promise<string>>, defaults: Map<string, Promise<Record<string, unknown>>>): Promise<void> {
  const { release } = entry;
  const key = `${release.chart}@${release.version}`;
  if (!charts.has(key)) charts.set(key, locateChart(options.helm, options.source, release.chart, release.version, release.repo));
  try {
    entry.chartDir = await charts.get(key)!;
  } catch (error) {
    problem(entry, "chart", (error as Error).message);
    return;
  }
  if (!defaults.has(entry.chartDir)) defaults.set(entry.chartDir, options.helm.defaultValues(entry.chartDir));
  try {
    entry.unknownKeys = unknownValueKeys(release.values, await defaults.get(entry.chartDir)!);
    if (entry.unknownKeys.length > 0) entry.templates = templateSources(entry.chartDir);
  } catch (error) {
    problem(entry, "chart", `helm show values: ${(error as Error).message}`);
  }
  entry.valuesFile = join(options.workDir, `${release.env}-${release.project}-${release.name}.values.json`);
  writeFileSync(entry.valuesFile, JSON.stringify(release.values, null, 2));
  await render(options, entry, []);
}

/**
 * Keys the chart's defaults lack, unless the chart uses them anyway: a template reads them by
 * name, or they reached a rendered object (passed through whole, or written into a file).
 */
function reportUnknownKeys(entry: Entry): void {
  if (entry.problems.some((found) => found.kind === "helm")) return;
  const rendered = [...entry.crds, ...entry.objects];
  for (const unknown of entry.unknownKeys) {
    const { path } = unknown;
    if (readByTemplates(path, entry.templates) || reachedRenderedObjects(path, entry.release.values, rendered) || reachedAsText(path, entry.release.values, rendered)) continue;
    const nearest = unknown.nearest.length > 0 ? ` (nearest keys that exist: ${unknown.nearest.join(", ")})` : " (the chart has no keys at that level)";
    problem(entry, "values-key", `values key ${formatKeyPath(path)} is not in the chart's values, no template reads it and it reaches no rendered object${nearest}`);
  }
}

async function render(options: CheckOptions, entry: Entry, apiVersions: readonly string[]): Promise<void> {
  if (!entry.chartDir || !entry.valuesFile) return;
  const { release } = entry;
  // A re-render replaces the first one's findings.
  entry.problems.splice(0, entry.problems.length, ...entry.problems.filter((found) => found.kind !== "helm"));
  let output: string;
  try {
    output = await options.helm.run(
      templateArgs({ releaseName: release.name, chartDir: entry.chartDir, namespace: release.namespace, valuesFile: entry.valuesFile, kubeVersion: options.kubeVersion, apiVersions }),
    );
  } catch (error) {
    if (!(error instanceof HelmError)) throw error;
    entry.crds = [];
    entry.objects = [];
    problem(entry, "helm", `helm template: ${error.message}`);
    return;
  }
  const rendered = parseRendered(output);
  entry.crds = rendered.crds;
  entry.objects = rendered.objects;
  for (const message of rendered.malformed) problem(entry, "helm", message);
}

function describe(object: RenderedObject): string {
  const name = object.metadata.name ?? `${object.metadata.generateName ?? ""}*`;
  return `${object.kind} ${object.metadata.namespace ? `${object.metadata.namespace}/` : ""}${name}`;
}

async function validate(options: CheckOptions, entries: readonly Entry[]): Promise<void> {
  const { api } = options;
  const timeout = options.crdTimeoutSeconds ?? 60;
  const namespaces = new Set(entries.flatMap((entry) => [entry.release.namespace, ...entry.objects.map((object) => object.metadata.namespace).filter((ns): ns is string => !!ns)]));
  for (const namespace of namespaces) await api.ensureNamespace(namespace);

  // CRDs for real: the custom objects after them are validated against their schemas.
  const applied: string[] = [];
  for (const entry of entries) {
    await timed(entry, async () => {
      for (const crd of entry.crds) {
        const name = crd.metadata.name!;
        const existed = (await api.read(CRD_API, "CustomResourceDefinition", name)) !== undefined;
        try {
          await api.apply(crd);
          entry.validated++;
          if (!existed && !applied.includes(name)) applied.push(name);
        } catch (error) {
          if (!(error instanceof ApiError)) throw error;
          problem(entry, "refused", `CustomResourceDefinition ${name} refused: ${error.reason}`);
        }
      }
      for (const crd of entry.crds) {
        if (!(await waitForCrd(api, crd.metadata.name!, "Established", timeout))) problem(entry, "refused", `CustomResourceDefinition ${crd.metadata.name} is not Established after ${timeout} s`);
      }
    });
  }
  api.forgetDiscovery();

  try {
    for (const entry of entries) {
      await timed(entry, async () => {
        for (const object of entry.objects) {
          try {
            await api.dryRun(object, entry.release.namespace);
            entry.validated++;
          } catch (error) {
            if (!(error instanceof ApiError)) throw error;
            problem(entry, "refused", `${describe(object)} refused: ${error.reason}`);
          }
        }
      });
    }
  } finally {
    for (const name of applied) await api.delete(CRD_API, "CustomResourceDefinition", name);
    for (const name of applied) await waitForCrd(api, name, "gone", timeout);
    api.forgetDiscovery();
  }
}

async function waitForCrd(api: ApiServer, name: string, state: "Established" | "gone", timeoutSeconds: number): Promise<boolean> {
  const deadline = Date.now() + timeoutSeconds * 1000;
  for (;;) {
    const live = await api.read(CRD_API, "CustomResourceDefinition", name);
    const conditions = ((live?.status as { conditions?: { type: string; status: string }[] } | undefined)?.conditions ?? []);
    if (state === "gone" ? live === undefined : conditions.some((condition) => condition.type === "Established" && condition.status === "True")) return true;
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
