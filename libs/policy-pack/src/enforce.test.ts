import { describe, expect, it } from "vitest";
import { collectViolations, resourceArgs, stackArgs } from "./args";
import { enforcedPolicies, evaluatePolicies } from "./enforce";
import type { Exemption } from "./exemptions";
import { PLATFORM_POLICIES, podSecurityRestricted, serviceExposure } from "./policies/index";
import type { ResourcePolicy, StackPolicy } from "./resource";
import { autoscaler, claim, compliantBudget, compliantDeployment, compliantRelease, edit, toInput, type Target } from "./testing";

const loadBalancer = (project: string): Target => ({
  type: "kubernetes:core/v1:Service",
  name: "edge",
  project,
  props: { apiVersion: "v1", kind: "Service", metadata: { name: "edge" }, spec: { type: "LoadBalancer" } },
});

const edgeExemption: Exemption = {
  policy: "service-exposure",
  covers: "the edge Service of networking",
  reason: "it is the entry point",
  appliesTo: (resource) => resource.urn.includes("::networking::"),
};

describe("evaluatePolicies", () => {
  it.each(["local", "dev", "staging", "production"])("finds nothing in a compliant %s stack", async (stack) => {
    const targets = [compliantDeployment(), compliantBudget(), autoscaler(2, 4), claim(), compliantRelease()];
    const { findings } = await evaluatePolicies(targets.map((target) => toInput({ ...target, stack })), PLATFORM_POLICIES);
    expect(findings).toEqual([]);
  });

  it("counts one check per resource policy and resource, and one per stack policy", async () => {
    const stackPolicies = PLATFORM_POLICIES.filter((policy) => "validateStack" in policy).length;
    const { checks } = await evaluatePolicies([toInput(compliantDeployment()), toInput(claim())], PLATFORM_POLICIES);
    expect(checks).toBe((PLATFORM_POLICIES.length - stackPolicies) * 2 + stackPolicies);
  });

  it("marks a violation that a documented exemption covers, and only that one", async () => {
    const { findings } = await evaluatePolicies([toInput(loadBalancer("networking")), toInput(loadBalancer("degenquest"))], [serviceExposure], {
      exemptions: [edgeExemption],
    });
    expect(findings.map((finding) => [finding.urn, finding.exemption?.covers])).toEqual([
      ["urn:pulumi:dev::networking::kubernetes:core/v1:Service::edge", "the edge Service of networking"],
      ["urn:pulumi:dev::degenquest::kubernetes:core/v1:Service::edge", undefined],
    ]);
  });
});

describe("EXEMPTIONS", () => {
  const filebeat = (project: string) =>
    toInput({
      type: "kubernetes:beat.k8s.elastic.co/v1beta1:Beat",
      name: "logging-shipper-filebeat",
      project,
      props: { kind: "Beat", spec: { daemonSet: { podTemplate: { spec: { volumes: [{ name: "logs", hostPath: { path: "/var/log/pods" } }] } } } } },
    });

  it("exempt the observability log shipper from the host mount and root findings only", async () => {
    const { findings } = await evaluatePolicies([filebeat("observability")], [podSecurityRestricted]);
    const exempt = findings.filter((finding) => finding.exemption).map((finding) => finding.message);
    const enforced = findings.filter((finding) => !finding.exemption).map((finding) => finding.message);
    expect(exempt).toEqual(['Beat logging-shipper-filebeat spec.daemonSet.podTemplate: volume "logs" is of type hostPath: use one of configMap, csi, downwardAPI, emptyDir, ephemeral, persistentVolumeClaim, projected, secret.']);
    expect(enforced).toEqual([]);
  });

  it("do not exempt the same resource in another project", async () => {
    const { findings } = await evaluatePolicies([filebeat("degenquest")], [podSecurityRestricted]);
    expect(findings.map((finding) => finding.exemption)).toEqual([undefined]);
  });
});

describe("enforcedPolicies", () => {
  const [enforced, exemptionReport] = enforcedPolicies([serviceExposure], [edgeExemption]) as [ResourcePolicy, ResourcePolicy, StackPolicy];

  it("keeps an exempted violation out of the policy and reports it, with its reason, as an advisory", async () => {
    const args = resourceArgs(toInput(loadBalancer("networking")));
    const blocking = collectViolations();
    const advisory = collectViolations();
    await enforced.validateResource(args, blocking.report);
    await exemptionReport.validateResource(args, advisory.report);
    expect(blocking.violations).toEqual([]);
    expect(exemptionReport.enforcementLevel).toBe("advisory");
    expect(advisory.violations.map((v) => v.message)).toEqual([
      "Exempt from service-exposure (the edge Service of networking) because it is the entry point. " +
        "The rule says: Service edge is of type LoadBalancer, which exposes it outside the cluster: use a ClusterIP Service behind an Ingress of the platform's ingress class.",
    ]);
  });

  it("still reports the same violation where no exemption applies", async () => {
    const blocking = collectViolations();
    await enforced.validateResource(resourceArgs(toInput(loadBalancer("degenquest"))), blocking.report);
    expect(blocking.violations).toHaveLength(1);
  });

  it("adds a stack-level exemption report next to the policies", () => {
    const names = enforcedPolicies(PLATFORM_POLICIES).map((policy) => policy.name);
    expect(names.slice(-2)).toEqual(["documented-exemptions", "documented-stack-exemptions"]);
    expect(new Set(names).size).toBe(names.length);
  });

  it("gives a stack policy the parents of the resources", () => {
    const child = { ...toInput(compliantDeployment()), parent: "urn:pulumi:dev::degenquest::platform:degenquest:GameServer::game" };
    const parent = { type: "platform:degenquest:GameServer", name: "game", urn: child.parent, props: {} };
    const args = stackArgs([parent, child]);
    expect(args.resources[1]!.parent?.urn).toBe(child.parent);
  });
});

describe("fixtures", () => {
  it("edit changes a copy and leaves the fixture as it was", () => {
    const original = compliantDeployment();
    const changed = edit(original, (props) => (props.spec.replicas = 5));
    expect([original.props.spec, changed.props.spec].map((spec) => (spec as { replicas: number }).replicas)).toEqual([2, 5]);
  });
});
