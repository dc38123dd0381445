import { describe, expect, it } from "vitest";
import { exemptionFor } from "../exemptions";
import { compliantRelease, edit, toInput, violations, type Target } from "../testing";
import { chartAvailability, chartPinned, chartResources, chartSecurityContext, chartServiceExposure, securityContextLevel } from "./chart-values";

const release = compliantRelease();
const subject = 'Helm release "metrics-server" (chart metrics-server)';
const production = (target: Target): Target => ({ ...target, stack: "production" });

const ingressController = (project: string): Target => ({
  type: "kubernetes-ingress-nginx:index:IngressController",
  name: "ingress",
  project,
  props: {
    controller: {
      replicaCount: 2,
      service: { type: "LoadBalancer" },
      resources: { requests: { cpu: "100m", memory: "90Mi" }, limits: { memory: "256Mi" } },
    },
    helmOptions: { version: "4.11.3", values: { controller: { podDisruptionBudget: {} } } },
  },
});

describe("chart-pinned", () => {
  it("accepts an exact version from a named repository", () => {
    expect(violations(chartPinned, release)).toEqual([]);
  });

  it("refuses a range or no version, and no repository", () => {
    const floating = edit(release, (p) => {
      p.version = "^3.12";
      delete p.repositoryOpts;
    });
    expect(violations(chartPinned, floating)).toEqual([
      `${subject}: version is "^3.12": pin an exact chart version such as "1.2.3".`,
      `${subject} has no repositoryOpts.repo: name the chart's repository.`,
    ]);
  });

  it("accepts the version that the ingress-nginx component pins", () => {
    expect(violations(chartPinned, edit(ingressController("networking"), (p) => delete p.helmOptions))).toEqual([]);
  });
});

describe("chart-resources", () => {
  it("accepts values that size every component", () => {
    expect(violations(chartResources, release)).toEqual([]);
  });

  it("refuses values that size nothing, and a component without a memory limit", () => {
    expect(violations(chartResources, edit(release, (p) => delete p.values.resources))).toEqual([
      `${subject} sets no resources in its values: set requests.cpu, requests.memory and limits.memory for each of its components.`,
    ]);
    const webhook = compliantRelease({ webhook: { resources: { requests: { cpu: "10m", memory: "32Mi" } } } });
    expect(violations(chartResources, webhook)).toEqual([`${subject}: values.webhook.resources has no limits.memory: set them.`]);
  });

  it("leaves a volume claim's storage request alone", () => {
    const storage = compliantRelease({ storage: { volumeClaimTemplate: { spec: { accessModes: ["ReadWriteOnce"], resources: { requests: { storage: "1Gi" } } } } } });
    expect(violations(chartResources, storage)).toEqual([]);
  });
});

describe("chart-security-context", () => {
  it("accepts a restricted container security context", () => {
    expect(violations(chartSecurityContext, release)).toEqual([]);
  });

  it("refuses values without a security context", () => {
    expect(violations(chartSecurityContext, edit(release, (p) => delete p.values.securityContext))[0]).toBe(
      `${subject} sets no container security context in its values: set allowPrivilegeEscalation: false, capabilities.drop: ["ALL"], readOnlyRootFilesystem: true and runAsNonRoot: true for each component.`,
    );
  });

  it("refuses privilege, escalation, kept capabilities, a writable root and root users, wherever they sit", () => {
    const loose = compliantRelease({
      controller: { containerSecurityContext: { privileged: true, capabilities: { add: ["SYS_ADMIN"] } }, podSecurityContext: { runAsUser: 0 } },
    });
    const at = `${subject}: values.controller.containerSecurityContext`;
    expect(violations(chartSecurityContext, loose)).toEqual([
      `${at}.privileged is true: remove it.`,
      `${at}.allowPrivilegeEscalation is not false: set it to false.`,
      `${at}.capabilities.drop lacks "ALL": drop ALL.`,
      `${at}.capabilities.add has SYS_ADMIN: only NET_BIND_SERVICE may be added.`,
      `${at}.readOnlyRootFilesystem is not true: set it to true.`,
      `${subject}: values.controller.podSecurityContext.runAsUser is 0 (root): use a non-zero user id.`,
    ]);
  });
  it("reads a securityContext beside a containerSecurityContext as the pod's, as cert-manager names them", () => {
    const certManagerStyle = edit(release, (p) => {
      p.values.containerSecurityContext = p.values.securityContext;
      p.values.securityContext = { runAsNonRoot: true, runAsUser: 0, seccompProfile: { type: "RuntimeDefault" } };
    });
    expect(violations(chartSecurityContext, certManagerStyle)).toEqual([
      `${subject}: values.securityContext.runAsUser is 0 (root): use a non-zero user id.`,
    ]);
  });
});

describe("securityContextLevel", () => {
  const level = (key: string, value: unknown, parent: Record<string, unknown> = {}) =>
    securityContextLevel({ key, value, parent, path: key, parentPath: "", ancestors: [] });

  it("reads the level from the key, then from the fields only one level has, then from a sibling", () => {
    expect(level("podSecurityContext", { runAsUser: 1000 })).toBe("pod");
    expect(level("containerSecurityContext", { runAsUser: 1000 })).toBe("container");
    expect(level("securityContext", { fsGroup: 1000, runAsNonRoot: true })).toBe("pod");
    expect(level("securityContext", { readOnlyRootFilesystem: true }, { containerSecurityContext: {} })).toBe("container");
    expect(level("securityContext", { runAsNonRoot: true }, { containerSecurityContext: {} })).toBe("pod");
    expect(level("securityContext", { runAsNonRoot: true })).toBe("container");
    expect(level("resources", {})).toBeUndefined();
  });
});

describe("chart-availability", () => {
  it("accepts two replicas beside a budget that allows a disruption in production", () => {
    expect(violations(chartAvailability, production(release))).toEqual([]);
  });

  it("leaves other environments' single replicas alone", () => {
    expect(violations(chartAvailability, edit(release, (p) => (p.values.replicas = 1)))).toEqual([]);
  });

  it("refuses a single replica, a missing count and a missing or blocking budget in production", () => {
    expect(violations(chartAvailability, production(edit(release, (p) => (p.values.replicas = 1))))).toEqual([
      `${subject}: values.replicas is 1 in production: use at least 2 so a node loss or drain keeps it serving.`,
    ]);
    expect(violations(chartAvailability, production(edit(release, (p) => delete p.values.replicas)))).toEqual([
      `${subject} sets no replica count in production: set replicas (at least 2) and a disruption budget for each component.`,
    ]);
    expect(violations(chartAvailability, production(edit(release, (p) => delete p.values.podDisruptionBudget)))).toEqual([
      `${subject}: values.replicas is 2 without a disruption budget: set values.podDisruptionBudget (enabled, minAvailable: 1), or the chart's own budget setting; a chart that defaults minAvailable writes both keys if maxUnavailable is added, which the API server refuses.`,
    ]);
    const blocking = edit(release, (p) => (p.values.podDisruptionBudget = { enabled: true, minAvailable: 2 }));
    expect(violations(chartAvailability, production(blocking))).toEqual([
      `${subject}: values.podDisruptionBudget keeps minAvailable 2 of 2 replicas, so drains block: enable it with minAvailable below the replica count.`,
    ]);
  });

  it("finds a budget set inline, as ingress-nginx does, or beside a custom resource's spec, as kube-prometheus-stack does", () => {
    const inline = compliantRelease({ podDisruptionBudget: undefined, controller: { replicaCount: 3, minAvailable: 1 } });
    const prometheus = compliantRelease({ prometheus: { podDisruptionBudget: { enabled: true, maxUnavailable: 1 }, prometheusSpec: { replicas: 2 } } });
    expect(violations(chartAvailability, production(inline))).toEqual([
      `${subject}: values.replicas is 2 without a disruption budget: set values.podDisruptionBudget (enabled, minAvailable: 1), or the chart's own budget setting; a chart that defaults minAvailable writes both keys if maxUnavailable is added, which the API server refuses.`,
    ]);
    expect(violations(chartAvailability, production(prometheus))).toEqual([]);
    const blockingInline = compliantRelease({ controller: { replicaCount: 2, minAvailable: 2 } });
    expect(violations(chartAvailability, production(blockingInline))).toEqual([
      `${subject}: values.controller keeps minAvailable 2 of 2 replicas, so drains block: enable it with minAvailable below the replica count.`,
    ]);
  });

  it("does not take another component's budget for its own", () => {
    expect(violations(chartAvailability, production(compliantRelease({ webhook: { replicaCount: 2 } })))).toEqual([
      `${subject}: values.webhook.replicaCount is 2 without a disruption budget: set values.webhook.podDisruptionBudget (enabled, minAvailable: 1), or the chart's own budget setting; a chart that defaults minAvailable writes both keys if maxUnavailable is added, which the API server refuses.`,
    ]);
  });

  it("reads the ingress-nginx component's inputs as chart values", () => {
    expect(violations(chartAvailability, production(ingressController("networking")))).toEqual([]);
  });
});

describe("chart-service-exposure", () => {
  it("accepts a ClusterIP service in the values", () => {
    expect(violations(chartServiceExposure, compliantRelease({ service: { type: "ClusterIP" } }))).toEqual([]);
  });

  it("refuses a LoadBalancer service in the values", () => {
    expect(violations(chartServiceExposure, ingressController("degenquest"))).toEqual([
      'ingress-nginx controller "ingress": values.controller.service.type is LoadBalancer, which exposes it outside the cluster: use ClusterIP behind an Ingress.',
    ]);
  });

  it("has a documented exemption for the networking stack's ingress controller only", () => {
    const [message] = violations(chartServiceExposure, ingressController("networking"));
    expect(exemptionFor("chart-service-exposure", toInput(ingressController("networking")), message!)?.covers).toBe(
      "the ingress-nginx controller of the networking stack",
    );
    expect(exemptionFor("chart-service-exposure", toInput(ingressController("degenquest")), message!)).toBeUndefined();
  });
});
