import { describe, expect, it } from "vitest";
import { NamespaceObjects, type KubeObject } from "./objects";
import { evidenceFor, pulumiMarkOf } from "./ownership-rules";

const object = (kind: string, name: string, metadata: Partial<KubeObject["metadata"]> = {}, extra: Partial<KubeObject> = {}): KubeObject => ({
  kind,
  metadata: { name, namespace: "degenquest", ...metadata },
  ...extra,
});
const byManager = (manager: string) => ({ managedFields: [{ manager, operation: "Apply" }] });
const evidence = (target: KubeObject, others: KubeObject[] = []) =>
  evidenceFor(target, { namespaceObjects: new NamespaceObjects("degenquest", [target, ...others]), declarations: { releases: [], secrets: [] } });

describe("pulumiMarkOf", () => {
  it.each(["pulumi-kubernetes-7d3f9a1c", "pulumi-kubernetes", "pulumi-resource-kubernetes", "pulumi-resource-kubernetes.exe"])(
    "recognises the Pulumi provider's field manager %s",
    (manager) => {
      expect(pulumiMarkOf(object("ConfigMap", "settings", byManager(manager)))).toBe(`field manager ${manager}`);
    },
  );

  it.each(["kubectl-client-side-apply", "kubectl-edit", "helm", "pulumi", "my-pulumi-kubernetes"])("does not take %s for Pulumi", (manager) => {
    expect(pulumiMarkOf(object("ConfigMap", "settings", byManager(manager)))).toBeUndefined();
  });

  it("accepts the managed-by label that client-side apply and the platform's components set", () => {
    expect(pulumiMarkOf(object("ConfigMap", "settings", { labels: { "app.kubernetes.io/managed-by": "pulumi" } }))).toBe(
      "label app.kubernetes.io/managed-by=pulumi",
    );
    expect(pulumiMarkOf(object("ConfigMap", "settings", { labels: { "app.kubernetes.io/managed-by": "Helm" } }))).toBeUndefined();
  });
});

describe("evidenceFor", () => {
  it("follows the controller owner rather than the first owner", () => {
    const pod = object("Pod", "web-1", {
      ownerReferences: [
        { apiVersion: "v1", kind: "Node", name: "pool-1", uid: "n" },
        { apiVersion: "apps/v1", kind: "ReplicaSet", name: "web", uid: "r", controller: true },
      ],
    });
    expect(evidence(pod)).toEqual({ verdict: "follows", target: { kind: "ReplicaSet", namespace: "degenquest", name: "web" }, uid: "r", reason: "owner" });
  });

  it("ties Endpoints to the Service of the same name, and leaves Endpoints without one unmanaged", () => {
    const service = object("Service", "web");
    expect(evidence(object("Endpoints", "web"), [service])).toMatchObject({ verdict: "follows", target: { kind: "Service", name: "web" } });
    expect(evidence(object("Endpoints", "legacy-db"), [service])).toMatchObject({ verdict: "unmanaged" });
  });

  it("ties a volume claim named <template>-<statefulset>-<ordinal> to its StatefulSet, and no other claim", () => {
    const statefulSet = object("StatefulSet", "redis", {}, { spec: { volumeClaimTemplates: [{ metadata: { name: "data" } }] } });
    expect(evidence(object("PersistentVolumeClaim", "data-redis-2"), [statefulSet])).toMatchObject({
      verdict: "follows",
      target: { kind: "StatefulSet", name: "redis" },
    });
    expect(evidence(object("PersistentVolumeClaim", "data-redis-copy"), [statefulSet])).toMatchObject({ verdict: "unmanaged" });
  });

  it("ties a cert-manager TLS Secret to its Certificate and a token Secret to its ServiceAccount", () => {
    const tls = object("Secret", "web-tls", { annotations: { "cert-manager.io/certificate-name": "web-tls" } }, { type: "kubernetes.io/tls" });
    const token = object("Secret", "ci-token", { annotations: { "kubernetes.io/service-account.name": "ci" } }, { type: "kubernetes.io/service-account-token" });
    expect(evidence(tls)).toMatchObject({ verdict: "follows", target: { kind: "Certificate", name: "web-tls" } });
    expect(evidence(token)).toMatchObject({ verdict: "follows", target: { kind: "ServiceAccount", name: "ci" } });
  });

  it("accepts what Kubernetes makes in every namespace, and only under its own name", () => {
    expect(evidence(object("ServiceAccount", "default"))).toMatchObject({ verdict: "managed" });
    expect(evidence(object("ConfigMap", "kube-root-ca.crt"))).toMatchObject({ verdict: "managed" });
    expect(evidence(object("Lease", "ingress-nginx-leader"))).toMatchObject({ verdict: "managed" });
    expect(evidence(object("ServiceAccount", "deployer"))).toEqual({ verdict: "unmanaged", reason: "no Pulumi mark and no field manager recorded" });
  });

  it("matches an auto-named Helm release by the prefix Pulumi gave it, in its namespace only", () => {
    const annotations = { "meta.helm.sh/release-name": "ingress-nginx-5b2e1f0a", "meta.helm.sh/release-namespace": "ingress-nginx" };
    const controller = object("Deployment", "controller", { namespace: "ingress-nginx", annotations });
    const context = (namespace: string) => ({
      namespaceObjects: new NamespaceObjects("ingress-nginx", [controller]),
      declarations: { releases: [{ namespace, namePrefix: "ingress-nginx-", stack: "networking/production" }], secrets: [] },
    });
    expect(evidenceFor(controller, context("ingress-nginx"))).toEqual({
      verdict: "managed",
      reason: "Helm release ingress-nginx/ingress-nginx-5b2e1f0a of stack networking/production",
    });
    expect(evidenceFor(controller, context("kube-system"))).toMatchObject({ verdict: "unmanaged" });
  });

  it("trusts Pulumi's field manager before any other rule, so a Pulumi object in a Helm release's namespace stays managed", () => {
    const secret = object("Secret", "grafana-admin", { ...byManager("pulumi-kubernetes-1a2b"), annotations: { "meta.helm.sh/release-name": "grafana" } });
    expect(evidence(secret)).toEqual({ verdict: "managed", reason: "field manager pulumi-kubernetes-1a2b" });
  });
});
