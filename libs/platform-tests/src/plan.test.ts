import { existsSync } from "node:fs";
import { join } from "node:path";
import { findPulumiProjects, type StackPlan } from "@platform/offline-plan";
import { describe, expect, inject, it } from "vitest";
import { WORKSPACE_ROOT } from "./global-setup";
import { allPlans, planFile } from "./plans";

const projects = findPulumiProjects(WORKSPACE_ROOT);
const stacks = projects.flatMap((project) => project.stacks.map((stack) => [project.name, stack] as const));

describe("the offline plan of the whole platform", () => {
  it("plans every stack of every project", () => {
    const planned = allPlans().map((plan) => `${plan.project}/${plan.stack}`);
    expect(planned.sort()).toEqual(stacks.map(([project, stack]) => `${project}/${stack}`).sort());
  });

  it.each(stacks)("writes %s (%s) in the documented shape", (project, stack) => {
    const file = join(inject("planDir"), stack, `${project}.json`);
    expect(existsSync(file)).toBe(true);
    const plan = planFile(stack, project);
    expect(Object.keys(plan)).toEqual(expect.arrayContaining(["project", "stack", "resources", "outputs"]));
    expect(plan.project).toBe(project);
    expect(plan.stack).toBe(stack);
    for (const resource of plan.resources) {
      expect(Object.keys(resource)).toEqual(expect.arrayContaining(["urn", "type", "name", "parent", "inputs"]));
      expect(resource.urn).toBe(
        `urn:pulumi:${stack}::${project}::${resource.parent ? `${resource.parent.split("::")[2]!.split("$").pop()}$` : ""}${resource.type}::${resource.name}`,
      );
    }
  });

  it("links every resource to a parent in the same plan", () => {
    for (const plan of allPlans()) {
      const urns = new Set(plan.resources.map((resource) => resource.urn));
      for (const resource of plan.resources) if (resource.parent) expect(urns, `${resource.urn} in ${plan.project}/${plan.stack}`).toContain(resource.parent);
    }
  });

  it("reads upstream stacks of the same environment only", () => {
    for (const plan of allPlans()) {
      for (const reference of plan.stackReferences) expect(reference).toMatch(new RegExp(`^organization/[a-z-]+/${plan.stack}$`));
    }
  });

  it("never writes a secret value in plain text, in inputs or outputs", () => {
    for (const plan of allPlans()) {
      const text = JSON.stringify(plan);
      // Secure config values enter the programs as these placeholders: seeing one means a secret leaked.
      expect(text, `${plan.project}/${plan.stack}`).not.toContain("offline-placeholder-for-");
    }
    expect(planFile("production", "cluster-base").outputs.kubeconfig).toBe("[secret]");
  });

  it("names no service Secret after its values: the provider names it, and a changed value replaces it", () => {
    const secrets = allPlans().flatMap((plan) =>
      plan.resources.filter((r) => r.type === "kubernetes:core/v1:Secret" && r.parent?.includes("platform:service:PlatformService")),
    );
    expect(secrets.length).toBeGreaterThan(0);
    for (const secret of secrets) {
      expect(secret.inputs.metadata, secret.urn).not.toHaveProperty("name");
      expect(secret.inputs.immutable, secret.urn).toBe(true);
      expect(secret.replaceOnChanges, secret.urn).toEqual(["stringData", "data"]);
    }
  });

  it("grows production's game volume in place: the claim is patched to its size, the StatefulSet's template size is left alone", () => {
    const plan = planFile("production", "degenquest");
    const statefulSet = plan.resources.find((r) => r.type === "kubernetes:apps/v1:StatefulSet");
    expect(statefulSet?.ignoreChanges).toEqual(["spec.volumeClaimTemplates[0].spec.resources.requests.storage"]);
    const patch = plan.resources.find((r) => r.type === "kubernetes:core/v1:PersistentVolumeClaimPatch");
    expect(patch?.inputs).toMatchObject({ metadata: { name: "data-degen-server-0", namespace: "degenquest" }, spec: { resources: { requests: { storage: "50Gi" } } } });
  });

  it("grows production's Prometheus and Alertmanager volumes in place: claims declared at their size, template sizes ignored", () => {
    const plan = planFile("production", "observability");
    const release = plan.resources.find((r) => r.type === "kubernetes:helm.sh/v3:Release" && r.inputs.chart === "kube-prometheus-stack");
    expect(release?.ignoreChanges).toEqual([
      "values.prometheus.prometheusSpec.storageSpec.volumeClaimTemplate.spec.resources.requests.storage",
      "values.alertmanager.alertmanagerSpec.storage.volumeClaimTemplate.spec.resources.requests.storage",
    ]);
    const claims = plan.resources.filter((r) => r.type === "kubernetes:core/v1:PersistentVolumeClaim");
    const sizes = Object.fromEntries(claims.map((claim) => [(claim.inputs.metadata as { name: string }).name, (claim.inputs.spec as { resources: { requests: { storage: string } } }).resources.requests.storage]));
    expect(sizes).toEqual({
      "prometheus-monitoring-prometheus-db-prometheus-monitoring-prometheus-0": "150Gi",
      "prometheus-monitoring-prometheus-db-prometheus-monitoring-prometheus-1": "150Gi",
      "alertmanager-monitoring-alertmanager-db-alertmanager-monitoring-alertmanager-0": "5Gi",
      "alertmanager-monitoring-alertmanager-db-alertmanager-monitoring-alertmanager-1": "5Gi",
      "alertmanager-monitoring-alertmanager-db-alertmanager-monitoring-alertmanager-2": "5Gi",
    });
  });

  it("differs between environments where their configuration does", () => {
    const cluster = (plan: StackPlan) => plan.resources.find((r) => r.type === "digitalocean:index/kubernetesCluster:KubernetesCluster");
    expect(cluster(planFile("local", "cluster-base"))).toBeUndefined();
    expect(cluster(planFile("dev", "cluster-base"))).toBeUndefined();
    expect(cluster(planFile("staging", "cluster-base"))?.inputs).toMatchObject({ name: "degen-staging", ha: false });
    expect(cluster(planFile("production", "cluster-base"))?.inputs).toMatchObject({ name: "degen-production", ha: true });
    expect(planFile("local", "cluster-base").resources.some((r) => r.type.startsWith("digitalocean:"))).toBe(false);
  });

  // The whole platform's plan runs in warm workers, each planning stack after stack; the global
  // setup planned production's stacks again, each in a process of its own, and they must not differ.
  it("plans every stack exactly as a process of its own would: nothing leaks between stacks", () => {
    const isolated = inject("isolatedProductionResults");
    expect(isolated.map((result) => result.project).sort()).toEqual(projects.map((project) => project.name).sort());
    for (const result of isolated) {
      if (!result.ok) throw new Error(`${result.project}/${result.stack}: ${result.message}`);
      expect(result.plan, `${result.project}/${result.stack}`).toEqual(planFile("production", result.project));
    }
  });
});
