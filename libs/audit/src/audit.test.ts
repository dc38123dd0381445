import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { auditCluster } from "./audit";
import { fixtureKubeApi } from "./fixture-api";
import type { StackDeclarations } from "./ownership-rules";

const PRODUCTION = join(__dirname, "../fixtures/production");
const DECLARED: StackDeclarations = {
  releases: [
    { namespace: "monitoring", name: "kube-prometheus-stack", stack: "monitoring/production" },
    { namespace: "ingress-nginx", name: "ingress-nginx", stack: "networking/production" },
    { namespace: "cert-manager", name: "cert-manager", stack: "networking/production" },
  ],
  secrets: ["letsencrypt-production-account-key", "letsencrypt-staging-account-key"].map((name) => ({
    name,
    stack: "networking/production",
    reason: "ACME account key of a ClusterIssuer",
  })),
};

const summary = (report: Awaited<ReturnType<typeof auditCluster>>) =>
  report.findings.map((finding) => `${finding.object.kind} ${finding.object.namespace}/${finding.object.name}: ${finding.reason}`);

describe("auditCluster on a recorded production cluster", () => {
  it("finds exactly what people left behind and nothing that a stack or Kubernetes made", async () => {
    const report = await auditCluster(fixtureKubeApi(PRODUCTION), { declarations: DECLARED });

    expect(summary(report)).toEqual([
      "ConfigMap degenquest/hotfix-settings: no Pulumi mark; written by kubectl-client-side-apply",
      "Deployment degenquest/debug-shell: no Pulumi mark; written by kubectl-create, kube-controller-manager",
      "Pod degenquest/degen-server-7b8c9d0e1-kq2lm: owner ReplicaSet degen-server-7b8c9d0e1, which does not exist",
      "Secret degenquest/sh.helm.release.v1.redis.v1: Helm release degenquest/redis, which no stack declares",
      "Service degenquest/redis-master: Helm release degenquest/redis, which no stack declares",
      "ServiceMonitor degenquest/degen-server-debug: no Pulumi mark; written by kubectl-create",
      "StatefulSet degenquest/redis-master: Helm release degenquest/redis, which no stack declares",
    ]);
    expect(report.problems).toEqual([]);
    expect(report.objectsChecked).toBe(59);
  });

  it("audits by default only the namespaces whose Namespace object Pulumi wrote, by field manager or label", async () => {
    const report = await auditCluster(fixtureKubeApi(PRODUCTION), { declarations: DECLARED });

    // monitoring has only the field manager, ingress-nginx only the label; scratch was made with kubectl.
    expect(report.namespaces).toEqual(["cert-manager", "degenquest", "ingress-nginx", "monitoring"]);
  });

  it("collapses the ReplicaSets, Pods, volumes and endpoints of an unmanaged object under it", async () => {
    const report = await auditCluster(fixtureKubeApi(PRODUCTION), { declarations: DECLARED });
    const dependentsOf = (kind: string, name: string) =>
      report.findings.find((finding) => finding.object.kind === kind && finding.object.name === name)?.dependents.map((key) => `${key.kind} ${key.name}`);

    expect(dependentsOf("Deployment", "debug-shell")?.sort()).toEqual(["Pod debug-shell-7f9c8d6b5-q4r8t", "ReplicaSet debug-shell-7f9c8d6b5"]);
    expect(dependentsOf("StatefulSet", "redis-master")?.sort()).toEqual([
      "ControllerRevision redis-master-5d8f7c6b9",
      "PersistentVolumeClaim redis-data-redis-master-0",
      "Pod redis-master-0",
    ]);
    expect(dependentsOf("Service", "redis-master")?.sort()).toEqual(["EndpointSlice redis-master-9xk2v", "Endpoints redis-master"]);
  });

  it("accepts what cert-manager and a declared release's hooks write for the stacks", async () => {
    const productionIssuerOnly = { ...DECLARED, secrets: DECLARED.secrets.filter((secret) => secret.name.includes("production")) };
    const report = await auditCluster(fixtureKubeApi(PRODUCTION), { namespaces: ["cert-manager", "ingress-nginx"], declarations: productionIssuerOnly });

    expect(summary(report)).toEqual([
      // With no staging issuer declared, its key is a leftover; the webhook CA and admission certificate are not.
      "Secret cert-manager/letsencrypt-staging-account-key: no Pulumi mark; written by cert-manager-clusterissuers",
    ]);
  });

  it("treats the objects of a Helm release as managed only when a stack declares that release", async () => {
    const report = await auditCluster(fixtureKubeApi(PRODUCTION), { namespaces: ["ingress-nginx", "monitoring"] });

    expect(summary(report)).toEqual([
      "Deployment ingress-nginx/ingress-nginx-controller: Helm release ingress-nginx/ingress-nginx, which no stack declares",
      "Secret ingress-nginx/ingress-nginx-admission: no Pulumi mark; written by kube-webhook-certgen",
      "Secret ingress-nginx/sh.helm.release.v1.ingress-nginx.v1: Helm release ingress-nginx/ingress-nginx, which no stack declares",
      "Deployment monitoring/kube-prometheus-stack-grafana: Helm release monitoring/kube-prometheus-stack, which no stack declares",
      "Prometheus monitoring/kube-prometheus-stack-prometheus: Helm release monitoring/kube-prometheus-stack, which no stack declares",
      "Secret monitoring/sh.helm.release.v1.kube-prometheus-stack.v3: Helm release monitoring/kube-prometheus-stack, which no stack declares",
    ]);
  });

  it("lists custom resources but never events or metrics, and reads every page of a long list", async () => {
    const api = fixtureKubeApi(PRODUCTION);
    await auditCluster(api, { namespaces: ["degenquest"], declarations: DECLARED });

    expect(api.listed).toContain("degenquest/servicemonitors.monitoring.coreos.com/v1");
    expect(api.listed).toContain("degenquest/ciliumendpoints.cilium.io/v2");
    expect(api.listed).toContain("degenquest/pods.v1 (next page)");
    expect(api.listed.filter((call) => /events|metrics\.k8s\.io|\/(log|exec|status|token)/.test(call))).toEqual([]);
    // autoscaling is listed once, in its preferred version.
    expect(api.listed.filter((call) => call.includes("horizontalpodautoscalers"))).toEqual(["degenquest/horizontalpodautoscalers.autoscaling/v2"]);
  });

  it("reports what it could not list and a namespace that does not exist, instead of passing quietly", async () => {
    const forbidden = new Error('HTTP 403: secrets is forbidden: User "auditor" cannot list resource "secrets" in the namespace "degenquest"');
    const api = fixtureKubeApi(PRODUCTION, { list: (type) => (type.plural === "secrets" ? forbidden : undefined) });

    const report = await auditCluster(api, { namespaces: ["degenquest", "degen-quest"], declarations: DECLARED });

    expect(report.problems).toEqual([
      "namespace degen-quest does not exist",
      `could not list secrets.v1 in degenquest: ${forbidden.message}`,
    ]);
  });

  it("reports a group whose discovery fails and audits the rest", async () => {
    const api = fixtureKubeApi(PRODUCTION);
    const broken = { ...api, groupResources: (gv: string) => (gv === "cilium.io/v2" ? Promise.reject(new Error("HTTP 503: service unavailable")) : api.groupResources(gv)) };

    const report = await auditCluster(broken, { namespaces: ["degenquest"], declarations: DECLARED });

    expect(report.problems).toEqual(["could not discover the types of cilium.io/v2: HTTP 503: service unavailable"]);
    expect(report.findings.length).toBe(7);
  });
});
