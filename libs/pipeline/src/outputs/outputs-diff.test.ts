import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { describeOutputsChange, diffPlannedOutputs, readPlannedOutputs, type PlannedOutputs } from "./outputs-diff";

function plans(entries: Record<string, Record<string, Record<string, unknown>>>): PlannedOutputs {
  return new Map(Object.entries(entries).map(([env, projects]) => [env, new Map(Object.entries(projects))]));
}

const clusterBase = {
  clusterName: "degen-dev",
  kubeconfig: "[secret]",
  registryServer: "registry.digitalocean.com/pioneer",
  tenants: { degenquest: { namespace: "degenquest", imagePullSecret: "registry-pull" } },
};

describe("diffPlannedOutputs", () => {
  it("finds nothing when the outputs are equal, whatever the order of their keys", () => {
    const reordered = { tenants: clusterBase.tenants, registryServer: clusterBase.registryServer, kubeconfig: "[secret]", clusterName: "degen-dev" };
    expect(diffPlannedOutputs(plans({ dev: { "cluster-base": clusterBase } }), plans({ dev: { "cluster-base": reordered } }))).toEqual([]);
  });

  it("names the outputs added, removed and changed, per environment and project", () => {
    const base = plans({ dev: { "cluster-base": clusterBase }, production: { "cluster-base": clusterBase } });
    const { registryServer: _dropped, ...withoutRegistry } = clusterBase;
    const head = plans({
      dev: { "cluster-base": { ...withoutRegistry, tenants: { degenquest: { namespace: "games", imagePullSecret: "registry-pull" } }, storageClass: "do-block-storage" } },
      production: { "cluster-base": clusterBase },
    });
    expect(diffPlannedOutputs(base, head)).toEqual([
      { environment: "dev", project: "cluster-base", added: ["storageClass"], removed: ["registryServer"], changed: ["tenants"] },
    ]);
  });

  it("cannot see a change inside a secret output, which both plans mask", () => {
    expect(diffPlannedOutputs(plans({ dev: { "cluster-base": clusterBase } }), plans({ dev: { "cluster-base": { ...clusterBase, kubeconfig: "[secret]" } } }))).toEqual([]);
  });

  it("reports every output of a stack that is new at the head as added", () => {
    expect(diffPlannedOutputs(plans({}), plans({ dev: { networking: { ingressClass: "nginx" } } }))).toEqual([
      { environment: "dev", project: "networking", added: ["ingressClass"], removed: [], changed: [] },
    ]);
  });
});

describe("readPlannedOutputs", () => {
  it("reads the outputs of every <env>/<project>.json the offline plan wrote", () => {
    const dir = mkdtempSync(join(tmpdir(), "plan-"));
    mkdirSync(join(dir, "dev"));
    writeFileSync(join(dir, "dev", "cluster-base.json"), JSON.stringify({ project: "cluster-base", stack: "dev", resources: [], outputs: clusterBase }));
    expect(readPlannedOutputs(dir)).toEqual(plans({ dev: { "cluster-base": clusterBase } }));
  });

  it("reads a missing folder as no plan at all", () => {
    expect(readPlannedOutputs(join(tmpdir(), "no-such-plan-folder")).size).toBe(0);
  });
});

describe("describeOutputsChange", () => {
  it("lists changed, then added, then removed outputs", () => {
    expect(describeOutputsChange({ environment: "dev", project: "x", added: ["b"], removed: ["c"], changed: ["a"] })).toBe("`a` changed, `b` added, `c` removed");
  });
});
