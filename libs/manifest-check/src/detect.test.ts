import { describe, expect, it } from "vitest";
import { describeFinding, findManifests, isCandidate, manifestKinds } from "./detect";

const deployment = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: degen-server\n";

describe("manifestKinds", () => {
  it("finds a Kubernetes object in YAML", () => {
    expect(manifestKinds("deploy/app.yaml", deployment)).toEqual(["Deployment"]);
  });

  it("finds every object of a multi-document YAML, even after a plain document", () => {
    const content = `name: notes\n---\n${deployment}---\napiVersion: v1\nkind: Service\nmetadata:\n  name: degen-server\n`;
    expect(manifestKinds("all.yml", content)).toEqual(["Deployment", "Service"]);
  });

  it("finds a Kubernetes object in JSON", () => {
    expect(manifestKinds("secret.json", JSON.stringify({ apiVersion: "v1", kind: "Secret", data: {} }))).toEqual(["Secret"]);
  });

  it("finds a templated manifest that is not valid YAML", () => {
    const template = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}\n  labels: {{ include \"labels\" . | nindent 4 }}\n";
    expect(manifestKinds("chart/templates/config.yaml", template)).toEqual(["ConfigMap"]);
  });

  it("passes YAML and JSON that are not Kubernetes objects", () => {
    expect(manifestKinds("docs/settings.yaml", "apiVersion: 2\nname: degen\nservices:\n  - kind: web\n")).toEqual([]);
    expect(manifestKinds("dashboards/game.json", JSON.stringify({ title: "Game", panels: [] }))).toEqual([]);
    expect(manifestKinds("list.json", JSON.stringify([{ apiVersion: "v1", kind: "Pod" }]))).toEqual([]);
    expect(manifestKinds("broken.json", "{ not json")).toEqual([]);
    expect(manifestKinds("empty.yaml", "")).toEqual([]);
  });
});

describe("isCandidate", () => {
  it.each([
    "projects/degenquest/Pulumi.yaml",
    "projects/degenquest/Pulumi.production.yaml",
    "libs/policy-pack/PulumiPolicy.yaml",
    ".circleci/config.yml",
    "package.json",
    "libs/config/package.json",
    "package-lock.json",
    "tsconfig.base.json",
    "nx.json",
    "README.md",
    "src/program.ts",
  ])("does not read %s", (path) => {
    expect(isCandidate(path)).toBe(false);
  });

  it.each(["k8s/deployment.yaml", "deploy/app.YML", "manifests/secret.json", "projects/degenquest/Pulumi-notes/extra.yaml"])("reads %s", (path) => {
    expect(isCandidate(path)).toBe(true);
  });
});

describe("findManifests", () => {
  it("names each manifest with the fix, and skips excluded and deleted files", () => {
    const files: Record<string, string> = {
      "k8s/app.yaml": deployment,
      "projects/degenquest/Pulumi.dev.yaml": `config:\n  degenquest:replicas: 1\n${deployment}`,
      "docs/settings.yaml": "name: degen\n",
    };
    const findings = findManifests([...Object.keys(files), "gone.yaml"], (path) => files[path]);
    expect(findings.map(describeFinding)).toEqual(["k8s/app.yaml is a Kubernetes manifest (Deployment): declare it in Pulumi instead"]);
  });
});
