import { afterAll, describe, expect, it } from "vitest";
import { isKubernetesObject, MODELS, UNMODELLED_KINDS, validateObject } from "./kubernetes-schema";
import { allPlans } from "./plans";

const plans = allPlans();
const counts = { valid: 0, unmodelled: 0 };

describe("the Kubernetes schema checker", () => {
  it("knows the core API, cert-manager, prometheus-operator, Gateway API and Cilium resources", () => {
    for (const key of [
      "apps/v1/Deployment",
      "v1/Service",
      "cert-manager.io/v1/ClusterIssuer",
      "monitoring.coreos.com/v1/ServiceMonitor",
      "gateway.networking.k8s.io/v1/Gateway",
      "gateway.networking.k8s.io/v1/HTTPRoute",
      "cilium.io/v2/CiliumNetworkPolicy",
    ]) {
      expect(MODELS.has(key), key).toBe(true);
    }
  });

  it("refuses a wrong type and a missing required field, naming the field", () => {
    const result = validateObject({ apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "x" }, spec: { replicas: "two", template: {} } });
    expect(result.status).toBe("invalid");
    expect(result.problems).toEqual(["/spec must have required property selector", "/spec/replicas must be integer"]);
  });

  it("refuses a value outside an enumeration, listing the allowed ones", () => {
    const service = validateObject({ apiVersion: "v1", kind: "Service", metadata: { name: "x" }, spec: { type: "Public" } });
    expect(service.problems).toEqual(["/spec/type must be equal to one of the allowed values: ClusterIP, ExternalName, LoadBalancer, NodePort"]);
  });

  it("leaves the plan's placeholders for secrets and values known after deploy to the deploy", () => {
    expect(validateObject({ apiVersion: "v1", kind: "Secret", metadata: { name: "x" }, stringData: "[secret]" }).status).toBe("valid");
    const service = { apiVersion: "v1", kind: "Service", metadata: { name: "x" }, spec: { clusterIP: "<unknown>", ports: [{ port: "<known after deploy: port>" }] } };
    expect(validateObject(service).status).toBe("valid");
  });

  it("tells an unlisted custom resource from one listed as having no published schema", () => {
    expect(validateObject({ apiVersion: "example.com/v1", kind: "Widget" }).status).toBe("unknown-kind");
    expect(validateObject({ apiVersion: "kibana.k8s.elastic.co/v1", kind: "Kibana" }).status).toBe("unmodelled");
  });
});

describe("every Kubernetes object of the offline plan", () => {
  it.each(plans.map((plan) => [`${plan.project}/${plan.stack}`, plan] as const))("%s is valid against its schema", (_stack, plan) => {
    const problems: string[] = [];
    for (const resource of plan.resources.filter(isKubernetesObject)) {
      const result = validateObject(resource.inputs);
      if (result.status === "valid") counts.valid += 1;
      else if (result.status === "unmodelled") counts.unmodelled += 1;
      else if (result.status === "unknown-kind") {
        problems.push(`${resource.urn}: no schema for ${result.key}: add its @kubernetes-models package, or list it in UNMODELLED_KINDS with the reason`);
      } else problems.push(...result.problems.map((problem) => `${resource.urn}: ${problem}`));
    }
    expect(problems, `\n${problems.join("\n")}\n`).toEqual([]);
  });
});

afterAll(() => {
  console.log(
    `Schema check: ${counts.valid} Kubernetes objects valid against ${MODELS.size} schemas; ` +
      `${counts.unmodelled} custom resources without a published schema (${Object.keys(UNMODELLED_KINDS).join(", ")}).`,
  );
});
