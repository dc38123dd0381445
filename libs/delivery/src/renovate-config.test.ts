/**
 * renovate.json's custom managers, run over the repository the way Renovate's regex manager runs
 * them (every `/regex/` of managerFilePatterns selects files by their path from the root; every
 * matchString is applied to the whole file with the g flag; named groups and templates give the
 * dependency), compared with the chart pins read independently from the TypeScript syntax tree.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, relative, sep } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const ROOT = join(__dirname, "..", "..", "..");
const SKIPPED_DIRECTORIES = new Set(["node_modules", ".git", ".nx", "dist", "plan"]);

interface CustomManager {
  readonly customType: string;
  readonly managerFilePatterns: readonly string[];
  readonly matchStrings: readonly string[];
  readonly depNameTemplate?: string;
  readonly datasourceTemplate?: string;
  readonly registryUrlTemplate?: string;
}

interface PackageRule {
  readonly matchPackageNames?: readonly string[];
  readonly matchFileNames?: readonly string[];
}

interface RenovateConfig {
  readonly customManagers: readonly CustomManager[];
  readonly packageRules: readonly PackageRule[];
}

interface Dependency {
  readonly file: string;
  readonly depName?: string;
  readonly currentValue?: string;
  readonly datasource?: string;
  readonly registryUrl?: string;
}

interface ChartPin {
  readonly file: string;
  readonly constant: string;
  readonly chart: string;
  readonly version: string;
  readonly repository: string;
}

const config = JSON.parse(readFileSync(join(ROOT, "renovate.json"), "utf8")) as RenovateConfig;

function repositoryFiles(directory = ROOT): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    if (entry.isDirectory()) return SKIPPED_DIRECTORIES.has(entry.name) ? [] : repositoryFiles(join(directory, entry.name));
    return entry.isFile() ? [relative(ROOT, join(directory, entry.name)).split(sep).join("/")] : [];
  });
}
const FILES = repositoryFiles();

/** A `/pattern/flags` managerFilePatterns entry as a RegExp; globs are not used in this config. */
function filePattern(pattern: string): RegExp {
  const [, source, flags] = /^\/(.+)\/([a-z]*)$/.exec(pattern) ?? [];
  if (source === undefined) throw new Error(`managerFilePatterns entry ${pattern} is not a /regex/: this test reads only those`);
  return new RegExp(source, flags);
}

/** Renovate's templates as this config uses them: `{{{group}}}` or a literal. */
function fill(template: string, groups: Record<string, string>): string {
  return template.replace(/\{\{\{?(\w+)\}?\}\}/g, (_, name: string) => groups[name] ?? "");
}

function field(manager: CustomManager, name: "depName" | "datasource" | "registryUrl", groups: Record<string, string>): string | undefined {
  const template = manager[`${name}Template`];
  return template === undefined ? groups[name] : fill(template, groups);
}

function managedFiles(manager: CustomManager): string[] {
  const patterns = manager.managerFilePatterns.map(filePattern);
  return FILES.filter((file) => patterns.some((pattern) => pattern.test(file)));
}

function extract(manager: CustomManager): Dependency[] {
  return managedFiles(manager).flatMap((file) => {
    const content = readFileSync(join(ROOT, file), "utf8");
    return manager.matchStrings.flatMap((matchString) =>
      [...content.matchAll(new RegExp(matchString, "g"))].map((match): Dependency => {
        const groups = { ...match.groups } as Record<string, string>;
        const registryUrl = field(manager, "registryUrl", groups);
        return {
          file,
          depName: field(manager, "depName", groups),
          currentValue: groups.currentValue,
          datasource: field(manager, "datasource", groups),
          // Renovate keeps a registryUrl only as a valid URL, normalised by the URL parser.
          registryUrl: registryUrl === undefined ? undefined : new URL(registryUrl).toString(),
        };
      }),
    );
  });
}

function stringProperty(object: ts.ObjectLiteralExpression, name: string): string | undefined {
  for (const property of object.properties) {
    if (ts.isPropertyAssignment(property) && property.name.getText() === name && ts.isStringLiteral(property.initializer)) {
      return property.initializer.text;
    }
  }
  return undefined;
}

/** Every constant in the projects' sources that names a chart and its version, wherever it is written. */
function chartPins(): ChartPin[] {
  const sources = FILES.filter((file) => /^projects\/[^/]+\/src\/.+\.ts$/.test(file) && !file.endsWith(".test.ts"));
  return sources.flatMap((file) => {
    const source = ts.createSourceFile(file, readFileSync(join(ROOT, file), "utf8"), ts.ScriptTarget.Latest, true);
    const pins: ChartPin[] = [];
    const visit = (node: ts.Node): void => {
      if (ts.isVariableDeclaration(node) && node.initializer) {
        let value: ts.Expression = node.initializer;
        while (ts.isAsExpression(value) || ts.isSatisfiesExpression(value) || ts.isParenthesizedExpression(value)) value = value.expression;
        if (ts.isObjectLiteralExpression(value)) {
          const chart = stringProperty(value, "chart");
          const version = stringProperty(value, "version");
          if (chart !== undefined && version !== undefined) {
            pins.push({ file, constant: node.name.getText(), chart, version, repository: stringProperty(value, "repository") ?? "" });
          }
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
    return pins;
  });
}

/** Module paths that the e2e toolchain's go.mod files require. */
function goModules(): Map<string, string> {
  const modules = new Map<string, string>();
  for (const file of FILES.filter((path) => /^e2e\/toolchain\/.+\/go\.mod$/.test(path))) {
    for (const [, path = "", version = ""] of readFileSync(join(ROOT, file), "utf8").matchAll(/^(?:require\s+|\t)(\S+) (v\S+)/gm)) {
      modules.set(`${file} ${path}`, version);
      modules.set(path, version);
    }
  }
  return modules;
}

/** `**` and `*` of matchFileNames as a RegExp over paths from the root. */
function globPattern(glob: string): RegExp {
  const escaped = glob.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*\*\//g, "(?:.*/)?").replace(/\*/g, "[^/]*");
  return new RegExp(`^${escaped}$`);
}

const helmManagers = config.customManagers.filter((manager) => manager.datasourceTemplate === "helm");

describe("renovate.json", () => {
  it("has only regex custom managers, each of whose match strings finds something", () => {
    expect(config.customManagers.length).toBeGreaterThan(0);
    for (const manager of config.customManagers) {
      expect(manager.customType).toBe("regex");
      expect(managedFiles(manager).length).toBeGreaterThan(0);
      for (const matchString of manager.matchStrings) {
        const found = extract({ ...manager, matchStrings: [matchString] });
        expect(found.length, `${matchString} matches nothing in ${manager.managerFilePatterns.join(", ")}`).toBeGreaterThan(0);
        for (const dependency of found) {
          expect(dependency.depName).toMatch(/\S/);
          expect(dependency.currentValue).toMatch(/\S/);
          expect(dependency.datasource).toMatch(/\S/);
        }
      }
    }
  });

  it("finds every chart pin of the projects exactly once, with its chart, version and repository", () => {
    const pins = chartPins();
    // Six charts: metrics-server, cert-manager, ingress-nginx, kube-prometheus-stack, the blackbox exporter and eck-operator.
    expect(pins.map((pin) => pin.chart).sort()).toEqual([
      "cert-manager",
      "eck-operator",
      "ingress-nginx",
      "kube-prometheus-stack",
      "metrics-server",
      "prometheus-blackbox-exporter",
    ]);
    expect(helmManagers).toHaveLength(1);
    const found = extract(helmManagers[0]!);
    const expected = pins.map((pin) => ({
      file: pin.file,
      depName: pin.chart,
      currentValue: pin.version,
      datasource: "helm",
      registryUrl: new URL(pin.repository).toString(),
    }));
    expect(found).toHaveLength(pins.length);
    expect(found).toEqual(expect.arrayContaining(expected));
  });

  it("keeps the Pulumi CLI's stamped version with the module it is built from", () => {
    const [stamp, ...others] = config.customManagers.flatMap(extract).filter((dependency) => dependency.file === "e2e/toolchain/build.sh");
    expect(others).toEqual([]);
    expect(stamp).toEqual({
      file: "e2e/toolchain/build.sh",
      depName: "github.com/pulumi/pulumi/pkg/v3",
      currentValue: goModules().get("e2e/toolchain/pulumi/go.mod github.com/pulumi/pulumi/pkg/v3"),
      datasource: "go",
      registryUrl: undefined,
    });
  });

  it("names in its package rules only dependencies and files that exist", () => {
    const known = new Set([...chartPins().map((pin) => pin.chart), ...goModules().keys()]);
    for (const rule of config.packageRules) {
      for (const name of rule.matchPackageNames ?? []) expect(known, `package rule names ${name}`).toContain(name);
      for (const glob of rule.matchFileNames ?? []) {
        expect(FILES.some((file) => globPattern(glob).test(file)), `package rule names files ${glob}`).toBe(true);
      }
    }
  });
});
