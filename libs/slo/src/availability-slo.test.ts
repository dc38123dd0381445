import { mockRuntime, valueOf, type MockRuntime } from "@platform/testing";
import * as pulumi from "@pulumi/pulumi";
import { beforeEach, describe, expect, it } from "vitest";
import { AvailabilitySlo } from "./availability-slo";

const ruleLabels = { release: "kube-prometheus-stack" };

describe("AvailabilitySlo", () => {
  let runtime: MockRuntime;
  beforeEach(async () => {
    runtime = await mockRuntime({ stack: "staging" });
  });

  it("creates one PrometheusRule named after the service, in its namespace, with the labels Prometheus loads", async () => {
    const slo = new AvailabilitySlo("degen-server", { namespace: "degenquest", measuredBy: { ingressName: "degen-server" }, ruleLabels });
    expect(await valueOf(slo.ruleName)).toBe("degen-server-slo");
    await runtime.settled();
    const rule = runtime.one("kubernetes:monitoring.coreos.com/v1:PrometheusRule", "degen-server-slo");
    expect(rule.inputs.metadata).toEqual({
      name: "degen-server-slo",
      namespace: "degenquest",
      labels: { "app.kubernetes.io/managed-by": "pulumi", "app.kubernetes.io/component": "slo", release: "kube-prometheus-stack" },
    });
    expect(rule.inputs.spec.groups.map((group: { name: string }) => group.name)).toEqual([
      "slo-availability-error-ratios",
      "slo-availability-burn-rate-alerts",
    ]);
  });

  it("defaults to a 99.9% objective", async () => {
    new AvailabilitySlo("degen-server", { namespace: "degenquest", measuredBy: { ingressName: "degen-server" }, ruleLabels });
    await runtime.settled();
    const [, alerting] = runtime.one("kubernetes:monitoring.coreos.com/v1:PrometheusRule").inputs.spec.groups;
    expect(alerting.rules[0].expr).toContain("> (14.4 * (1 - 0.999))");
  });

  it("builds the rules from names that other resources compute", async () => {
    new AvailabilitySlo("agent", {
      namespace: pulumi.output("pioneer-agent"),
      measuredBy: pulumi.output("agent-web").apply((ingressName) => ({ ingressName })),
      objective: 0.99,
      ruleLabels: pulumi.output(ruleLabels),
    });
    await runtime.settled();
    const [recording] = runtime.one("kubernetes:monitoring.coreos.com/v1:PrometheusRule").inputs.spec.groups;
    expect(recording.rules[0].expr).toContain('{namespace="pioneer-agent", ingress="agent-web", status=~"5.."}[5m]');
  });

  it("refuses an objective outside 0 and 1 before creating anything", () => {
    expect(
      () => new AvailabilitySlo("degen-server", { namespace: "degenquest", measuredBy: { ingressName: "degen-server" }, objective: 1, ruleLabels }),
    ).toThrow(/AvailabilitySlo degen-server:\n {2}- objective is 1: expected the share of requests that must succeed/);
  });

  it("names its rule after its own name, so two SLOs in one namespace never collide", async () => {
    new AvailabilitySlo("server", { namespace: "pioneer-agent", measuredBy: { ingressName: "server" }, ruleLabels });
    new AvailabilitySlo("client", { namespace: "pioneer-agent", measuredBy: { ingressName: "client" }, ruleLabels });
    await runtime.settled();
    const names = runtime.ofType("kubernetes:monitoring.coreos.com/v1:PrometheusRule").map((rule) => rule.inputs.metadata.name);
    expect(names).toEqual(["server-slo", "client-slo"]);
  });
});
