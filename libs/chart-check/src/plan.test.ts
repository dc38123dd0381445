import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { readPlanFolder, RELEASE_TYPE, releasesOfPlan } from "./plan";

const release = (inputs: Record<string, unknown>) => ({ urn: "urn:x", type: RELEASE_TYPE, name: "monitoring", parent: null, custom: true, inputs });

const plan = (stack: string, resources: unknown[]) => ({ project: "observability", stack, resources, outputs: {}, stackReferences: [], invokes: [] });

describe("releasesOfPlan", () => {
  it("reads each Release's chart, version, repository, name, namespace and values", () => {
    const releases = releasesOfPlan(
      plan("dev", [
        { type: "kubernetes:core/v1:Namespace", name: "ns", inputs: {} },
        release({ chart: "kube-prometheus-stack", version: "77.11.1", repositoryOpts: { repo: "https://example.org/charts" }, name: "kps", namespace: "monitoring", values: { a: { b: 1 } } }),
      ]),
      "dev/observability.json",
    );
    expect(releases).toEqual([
      { env: "dev", project: "observability", resource: "monitoring", chart: "kube-prometheus-stack", version: "77.11.1", repo: "https://example.org/charts", name: "kps", namespace: "monitoring", values: { a: { b: 1 } } },
    ]);
  });

  it("defaults the release name to the chart, the namespace to default, and values to none, as helm does", () => {
    const [only] = releasesOfPlan(plan("dev", [release({ chart: "metrics-server", version: "3.13.1" })]), "f.json");
    expect(only).toMatchObject({ name: "metrics-server", namespace: "default", values: {} });
    expect(only).not.toHaveProperty("repo");
  });

  it("names the file, the release and the bad input", () => {
    expect(() => releasesOfPlan(plan("dev", [release({ chart: "x" })]), "dev/a.json")).toThrow('dev/a.json: Release monitoring has version undefined: expected a non-empty string');
    expect(() => releasesOfPlan(plan("dev", [release({ chart: "x", version: "1", values: [1] })]), "dev/a.json")).toThrow("has values [1]: expected an object");
    expect(() => releasesOfPlan({ resources: [] }, "dev/a.json")).toThrow("dev/a.json is not an offline plan");
  });
});

describe("readPlanFolder", () => {
  let dir: string;
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("reads every environment's stacks, or only those asked for, and names a missing one", () => {
    dir = mkdtempSync(join(tmpdir(), "chart-check-plan-"));
    for (const env of ["dev", "production"]) {
      mkdirSync(join(dir, env));
      writeFileSync(join(dir, env, "observability.json"), JSON.stringify(plan(env, [release({ chart: "c", version: env === "dev" ? "1.0.0" : "2.0.0" })])));
    }
    expect(readPlanFolder(dir).map((r) => `${r.env}:${r.version}`)).toEqual(["dev:1.0.0", "production:2.0.0"]);
    expect(readPlanFolder(dir, ["production"]).map((r) => r.env)).toEqual(["production"]);
    expect(() => readPlanFolder(dir, ["staging"])).toThrow(`Plan folder ${dir} has no environment staging (it has: dev, production)`);
    expect(() => readPlanFolder(join(dir, "nope"))).toThrow("does not exist: write one with `npm run plan -- --out");
  });
});
