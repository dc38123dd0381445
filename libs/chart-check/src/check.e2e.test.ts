/**
 * The chart check end to end, on small charts written here: helm from the pinned toolchain renders
 * them and the e2e control plane's API server judges every object. Run by `npm run e2e` (which
 * builds the toolchain first) through vitest.e2e.config.mts; fails, never skips, without it.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { startControlPlane, type ControlPlane } from "@platform/e2e/src/cluster";
import { type CommandResult, runCommand } from "@platform/e2e/src/process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RELEASE_TYPE } from "./plan";
import { locateToolchain } from "./toolchain";

const CLI = join(__dirname, "cli.ts");

function write(root: string, files: Record<string, string>): void {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
}

const chartYaml = (name: string, version: string) => `apiVersion: v2\nname: ${name}\nversion: ${version}\n`;

/**
 * A ConfigMap, a PodDisruptionBudget whose API version depends on what the cluster serves, and a
 * Widget whose CRD the chart ships in crds/.
 */
const DEMO = {
  "Chart.yaml": chartYaml("demo", "1.0.0"),
  "values.yaml": "replicas: 1\npdb:\n  minAvailable: 1\nconfig: {}\nwidget:\n  size: 1\n  extra: {}\n",
  "crds/widgets.yaml": `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: widgets.chart-check.example
spec:
  group: chart-check.example
  names: { kind: Widget, plural: widgets, singular: widget, listKind: WidgetList }
  scope: Namespaced
  versions:
    - name: v1
      served: true
      storage: true
      schema:
        openAPIV3Schema:
          type: object
          properties:
            spec:
              type: object
              properties:
                size: { type: integer, minimum: 1 }
`,
  "templates/objects.yaml": `apiVersion: v1
kind: ConfigMap
metadata:
  name: {{ .Release.Name }}-config
data:
  replicas: {{ .Values.replicas | quote }}
  {{- range $key, $value := .Values.config }}
  {{ $key }}: {{ $value | quote }}
  {{- end }}
---
{{- /* As grafana's chart does: the API comes from what the cluster serves, not a fixed list. */}}
{{- if .Capabilities.APIVersions.Has "policy/v1/PodDisruptionBudget" }}
apiVersion: policy/v1
{{- else }}
apiVersion: policy/v1beta1
{{- end }}
kind: PodDisruptionBudget
metadata:
  name: {{ .Release.Name }}
spec:
  minAvailable: {{ .Values.pdb.minAvailable }}
  selector:
    matchLabels: { app: demo }
---
apiVersion: chart-check.example/v1
kind: Widget
metadata:
  name: {{ .Release.Name }}
spec:
  size: {{ .Values.widget.size }}
  {{- with .Values.widget.extra }}
  {{- toYaml . | nindent 2 }}
  {{- end }}
`,
};

/** A disruption budget that writes both minAvailable and maxUnavailable: the API server refuses it. */
const CONFLICT = {
  "Chart.yaml": chartYaml("conflict", "0.1.0"),
  "values.yaml": "podDisruptionBudget:\n  minAvailable: 1\n  maxUnavailable: 1\n",
  "templates/pdb.yaml": `apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: {{ .Release.Name }}
spec:
  minAvailable: {{ .Values.podDisruptionBudget.minAvailable }}
  maxUnavailable: {{ .Values.podDisruptionBudget.maxUnavailable }}
  selector:
    matchLabels: { app: conflict }
`,
};

/** A chart whose values.schema.json wants an integer. */
const SCHEMA = {
  "Chart.yaml": chartYaml("schema", "0.2.0"),
  "values.yaml": "replicas: 1\n",
  "values.schema.json": JSON.stringify({ type: "object", properties: { replicas: { type: "integer" } } }),
  "templates/cm.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: schema\ndata:\n  replicas: {{ .Values.replicas | quote }}\n",
};

function planOf(env: string, releases: Array<{ chart: string; version: string; values: Record<string, unknown> }>): string {
  return JSON.stringify({
    project: "charts",
    stack: env,
    resources: releases.map((release) => ({
      type: RELEASE_TYPE,
      name: release.chart,
      inputs: { chart: release.chart, version: release.version, name: release.chart, namespace: `${env}-apps`, repositoryOpts: { repo: "https://charts.invalid" }, values: release.values },
    })),
  });
}

describe("npm run check:charts on small charts and a real API server", () => {
  let dir: string;
  let controlPlane: ControlPlane | undefined;
  const check = (...args: string[]): Promise<CommandResult> =>
    runCommand("npx", ["tsx", CLI, "--plan", join(dir, "plan"), "--charts", join(dir, "charts"), "--cache", join(dir, "cache"), "--kubeconfig", controlPlane!.kubeconfig, ...args], {
      cwd: join(__dirname, ".."),
      capture: true,
      timeoutSeconds: 240,
    });

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "chart-check-e2e-"));
    write(join(dir, "charts", "demo-src", "demo"), DEMO);
    write(join(dir, "charts", "conflict"), CONFLICT);
    write(join(dir, "charts", "schema-0.2.0"), SCHEMA);
    // demo as an archive, the way `helm package` and `helm pull` leave it
    const tar = await runCommand("tar", ["-czf", join(dir, "charts", "demo-1.0.0.tgz"), "-C", join(dir, "charts", "demo-src"), "demo"], { cwd: dir, capture: true, timeoutSeconds: 30 });
    expect(tar.code).toBe(0);
    rmSync(join(dir, "charts", "demo-src"), { recursive: true });
    write(join(dir, "plan"), {
      "good/charts.json": planOf("good", [{ chart: "demo", version: "1.0.0", values: { replicas: 2, config: { mode: "fast" }, widget: { size: 3 } } }]),
      "bad/charts.json": planOf("bad", [
        { chart: "demo", version: "1.0.0", values: { pdb: { minAvailabel: 1 }, widget: { size: 2, extra: { colour: "red" } } } },
        { chart: "conflict", version: "0.1.0", values: {} },
        { chart: "schema", version: "0.2.0", values: { replicas: "two" } },
      ]),
    });
    controlPlane = await startControlPlane((await locateToolchain()).controlPlane, join(dir, "cluster"));
  });

  afterAll(async () => {
    await controlPlane?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("passes a valid chart: its CRD applied, its objects and custom resource accepted", async () => {
    const result = await check("--env", "good");
    expect(result.stderr).not.toContain("    at ");
    expect(result.stdout).toMatch(/^✓ good {2}demo 1\.0\.0 +4 rendered, +4 validated, [\d.]+ s$/m);
    expect(result.stdout).toContain("Every chart passed: 1 chart × environment pair, 4 objects rendered, 4 validated by the API server, 0 problems");
    expect(result.code).toBe(0);
  });

  it("reports every problem at once: a misspelt key, a refused object, an unknown field, a schema violation", async () => {
    const result = await check("--env", "bad");
    expect(result.code).toBe(1);
    const problems = result.stdout.split("\n").filter((line) => line.startsWith("  bad / "));
    expect(problems).toEqual([
      "  bad / demo 1.0.0: values key pdb.minAvailabel is not in the chart's values, no template reads it and it reaches no rendered object (nearest keys that exist: minAvailable)",
      expect.stringMatching(/^ {2}bad \/ demo 1\.0\.0: Widget demo refused: .*colour/),
      expect.stringMatching(/^ {2}bad \/ conflict 0\.1\.0: PodDisruptionBudget conflict refused: .*minAvailable and maxUnavailable cannot be both set/),
      expect.stringMatching(/^ {2}bad \/ schema 0\.2\.0: helm template: .*schema/),
    ]);
    expect(result.stdout).toMatch(/^ {6}.*replicas.*integer/m);
    expect(result.stdout).toMatch(/^✗ bad +conflict 0\.1\.0 +1 rendered, +0 validated, 1 problem, [\d.]+ s$/m);
    expect(result.stdout).toMatch(/^✗ bad +schema 0\.2\.0 +0 rendered, +0 validated, 1 problem, [\d.]+ s$/m);
  });
});
