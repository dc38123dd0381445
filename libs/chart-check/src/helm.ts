import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync } from "node:fs";
import { basename, join } from "node:path";
import { runCommand } from "@platform/e2e/src/process";
import { parse } from "yaml";
import { mergeSubchartDefaults, type TemplateSource } from "./values-keys";

/** What helm printed when it failed: its own message, without the usage text. */
export class HelmError extends Error {}

/** The helm binary built from the pinned Go module, run without a shell and with a timeout. */
export class Helm {
  constructor(
    readonly bin: string,
    private readonly env: NodeJS.ProcessEnv = process.env,
  ) {}

  async run(args: readonly string[], timeoutSeconds = 300): Promise<string> {
    const result = await runCommand(this.bin, args, { cwd: process.cwd(), env: this.env, capture: true, timeoutSeconds });
    if (result.timedOut) throw new HelmError(`helm ${args[0]} timed out after ${timeoutSeconds} s`);
    if (result.code !== 0) throw new HelmError(result.stderr.trim() || result.stdout.trim() || `helm ${args[0]} exited with ${result.code}`);
    return result.stdout;
  }

  /** The chart's default values with its subcharts' merged in under their alias. */
  async defaultValues(chartDir: string): Promise<Record<string, unknown>> {
    const parent = asMap(parse(await this.run(["show", "values", chartDir])));
    const chart = asMap(parse(readFileSync(join(chartDir, "Chart.yaml"), "utf8")));
    const aliases = new Map<string, string>();
    for (const dependency of (chart.dependencies ?? []) as { name?: string; alias?: string }[]) {
      if (dependency.name) aliases.set(dependency.name, dependency.alias ?? dependency.name);
    }
    const subchartsDir = join(chartDir, "charts");
    const subcharts = [];
    for (const entry of existsSync(subchartsDir) ? readdirSync(subchartsDir).sort() : []) {
      const path = join(subchartsDir, entry);
      if (!statSync(path).isDirectory() && !entry.endsWith(".tgz")) continue;
      const name = asMap(parse(await this.run(["show", "chart", path]))).name;
      if (typeof name !== "string") continue;
      subcharts.push({ alias: aliases.get(name) ?? name, defaults: asMap(parse(await this.run(["show", "values", path]))) });
    }
    return mergeSubchartDefaults(parent, subcharts);
  }
}

/** The text of a chart's templates, and of each unpacked subchart's under its alias. */
export function templateSources(chartDir: string): TemplateSource[] {
  const read = (dir: string): string =>
    existsSync(dir)
      ? readdirSync(dir, { recursive: true, encoding: "utf8" })
          .filter((file) => /\.(ya?ml|tpl|txt|json)$/.test(file))
          .map((file) => readFileSync(join(dir, file), "utf8"))
          .join("\n")
      : "";
  const chart = asMap(parse(readFileSync(join(chartDir, "Chart.yaml"), "utf8")));
  const aliases = new Map<string, string>();
  for (const dependency of (chart.dependencies ?? []) as { name?: string; alias?: string }[]) {
    if (dependency.name) aliases.set(dependency.name, dependency.alias ?? dependency.name);
  }
  const sources: TemplateSource[] = [{ prefix: [], text: read(join(chartDir, "templates")) }];
  const subchartsDir = join(chartDir, "charts");
  for (const entry of existsSync(subchartsDir) ? readdirSync(subchartsDir).sort() : []) {
    const dir = join(subchartsDir, entry);
    if (!existsSync(join(dir, "Chart.yaml"))) continue;
    const name = asMap(parse(readFileSync(join(dir, "Chart.yaml"), "utf8"))).name;
    if (typeof name === "string") sources.push({ prefix: [aliases.get(name) ?? name], text: read(join(dir, "templates")) });
  }
  return sources;
}

function asMap(value: unknown): Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

export interface ChartSource {
  /** A folder holding `<chart>-<version>.tgz` archives or `<chart>-<version>/` and `<chart>/` folders. */
  readonly chartsDir?: string;
  /** Where downloaded and unpacked charts are kept. */
  readonly cacheDir: string;
}

/**
 * The folder of a chart at a version: from the local charts folder when one is given (offline),
 * else downloaded with `helm pull --repo`. Archives are unpacked into the cache, so every later
 * step reads a folder (and the subcharts under its `charts/`).
 */
export async function locateChart(helm: Helm, source: ChartSource, chart: string, version: string, repo: string | undefined): Promise<string> {
  const unpacked = join(source.cacheDir, `${chart}-${version}`);
  if (existsSync(join(unpacked, chart, "Chart.yaml"))) return join(unpacked, chart);
  if (source.chartsDir) {
    const archive = join(source.chartsDir, `${chart}-${version}.tgz`);
    if (existsSync(archive)) return unpack(archive, unpacked, chart, version);
    for (const folder of [join(source.chartsDir, `${chart}-${version}`), join(source.chartsDir, chart)]) {
      if (!existsSync(join(folder, "Chart.yaml"))) continue;
      const found = asMap(parse(readFileSync(join(folder, "Chart.yaml"), "utf8")));
      if (String(found.version) !== version) {
        if (folder.endsWith(`${chart}-${version}`)) throw new HelmError(`${folder}/Chart.yaml says version ${String(found.version)}, expected ${version}`);
        continue;
      }
      return folder;
    }
    throw new HelmError(`No ${chart} ${version} in ${source.chartsDir}: expected ${basename(archive)}, ${chart}-${version}/ or ${chart}/ with version ${version} in its Chart.yaml`);
  }
  if (!repo) throw new HelmError(`${chart} ${version} names no repository to download it from, and no --charts folder was given`);
  rmSync(unpacked, { recursive: true, force: true });
  mkdirSync(unpacked, { recursive: true });
  await helm.run(["pull", "--repo", repo, chart, "--version", version, "--untar", "--untardir", unpacked]);
  return join(unpacked, chart);
}

async function unpack(archive: string, into: string, chart: string, version: string): Promise<string> {
  rmSync(into, { recursive: true, force: true });
  mkdirSync(into, { recursive: true });
  // `helm pull` of a local file is not a thing; tar is what helm's own archives are.
  const result = await runCommand("tar", ["-xzf", archive, "-C", into], { cwd: into, capture: true, timeoutSeconds: 120 });
  if (result.code !== 0) throw new HelmError(`${archive} could not be unpacked: ${result.stderr.trim()}`);
  if (!existsSync(join(into, chart, "Chart.yaml"))) throw new HelmError(`${archive} holds no ${chart}/Chart.yaml (the archive of ${chart} ${version} unpacks to a folder named after the chart)`);
  return join(into, chart);
}
