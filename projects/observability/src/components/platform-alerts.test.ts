import { mockRuntime } from "@platform/testing";
import { describe, expect, it } from "vitest";
import { PlatformAlerts, platformAlertGroups } from "./platform-alerts";

function rule(alert: string) {
  const found = platformAlertGroups()
    .flatMap((group) => group.rules)
    .find((candidate) => candidate.alert === alert);
  if (!found) throw new Error(`no alert ${alert}`);
  return found;
}

describe("platformAlertGroups", () => {
  it("pages when a node has not been ready for five minutes", () => {
    expect(rule("NodeNotReady")).toMatchObject({
      expr: 'kube_node_status_condition{condition="Ready", status="true"} == 0',
      for: "5m",
      labels: { severity: "page" },
    });
  });

  it("files a ticket for a pod crash-looping for fifteen minutes", () => {
    expect(rule("PodCrashLooping")).toMatchObject({
      expr: 'max_over_time(kube_pod_container_status_waiting_reason{reason="CrashLoopBackOff"}[5m]) >= 1',
      for: "15m",
      labels: { severity: "ticket" },
    });
  });

  it("files a ticket at 90% of a volume and pages at 97%", () => {
    expect(rule("PersistentVolumeAlmostFull").expr).toContain("< 0.10");
    expect(rule("PersistentVolumeAlmostFull").labels.severity).toBe("ticket");
    expect(rule("PersistentVolumeFull").expr).toContain("< 0.03");
    expect(rule("PersistentVolumeFull").labels.severity).toBe("page");
  });

  it("warns 14 days before a certificate expires and pages 3 days before", () => {
    expect(rule("CertificateExpiringSoon").expr).toBe("certmanager_certificate_expiration_timestamp_seconds - time() < 1209600");
    expect(rule("CertificateExpiring").expr).toBe("certmanager_certificate_expiration_timestamp_seconds - time() < 259200");
    expect(rule("CertificateExpiring").labels.severity).toBe("page");
  });

  it("pages when a probed endpoint is unreachable", () => {
    expect(rule("EndpointDown")).toMatchObject({ expr: "probe_success == 0", labels: { severity: "page" } });
  });

  describe("admission policies", () => {
    const alerts = { ChangeOutsidePipeline: "platform-pipeline-only", BreakGlassChange: "platform-break-glass", ImageOutsideCI: "platform-ci-images" };

    it.each(Object.entries(alerts))("%s counts the failed checks of %s, by binding, action and error type", (alert, policy) => {
      const { expr } = rule(alert);
      const selector = `apiserver_validating_admission_policy_check_total{policy="${policy}"}`;
      expect(expr).toContain(`increase(${selector}[10m]) > 0`);
      expect(expr).toMatch(/^sum by \(policy, policy_binding, enforcement_action, error_type\) \(/);
      expect(expr).toMatch(/\) > 0$/);
      // Every selector of the counter names this policy and no other.
      expect(expr.match(/apiserver_validating_admission_policy_check_total\{[^}]*\}/g)).toEqual([selector, selector, selector]);
    });

    it.each(Object.keys(alerts))("%s also counts a series the API server created in the last 10 minutes, its first failure since a restart", (alert) => {
      const checks = `apiserver_validating_admission_policy_check_total{policy="${alerts[alert as keyof typeof alerts]}"}`;
      expect(rule(alert).expr).toContain(`or ((${checks} unless ${checks} offset 10m) and on (job, instance) (up offset 10m))`);
    });

    it("files tickets that fire at once: each count is an event, not a state", () => {
      for (const alert of Object.keys(alerts)) expect(rule(alert)).toMatchObject({ for: "0m", labels: { severity: "ticket" } });
    });

    it("groups the three in one group of their own", () => {
      const group = platformAlertGroups().find((candidate) => candidate.name === "platform-admission");
      expect(group?.rules.map((candidate) => candidate.alert)).toEqual(Object.keys(alerts));
    });

    it("tells a refused change outside the pipeline from one let through with a warning", () => {
      const { summary, description } = rule("ChangeOutsidePipeline").annotations;
      expect(summary).toContain('{{ if eq $labels.enforcement_action "deny" }}refused{{ else }}let through with a warning{{ end }}');
      expect(description).toContain("deny means refused, nothing changed");
      expect(description).toContain("warn means admitted");
      expect(description).toContain("audit log");
    });

    it("says a break-glass change is written back into the stack files or reverted by the next up", () => {
      expect(rule("BreakGlassChange").annotations.description).toContain("written back into the stack files, or the next up reverts it");
    });

    it("sends an image from outside CI back through CI and image:promote", () => {
      const { summary, description } = rule("ImageOutsideCI").annotations;
      expect(summary).toContain("{{ if eq $labels.enforcement_action");
      expect(description).toContain("commit-SHA tag or digest");
      expect(description).toContain("npm run image:promote");
    });

    it("names the binding, the action and the error type in every description", () => {
      for (const alert of Object.keys(alerts)) {
        const { description } = rule(alert).annotations;
        for (const label of ["policy_binding", "enforcement_action", "error_type"]) expect(description).toContain(`{{ $labels.${label} }}`);
      }
    });
  });

  it("gives every alert a summary and description", () => {
    for (const { rules } of platformAlertGroups()) {
      for (const alert of rules) expect(alert.annotations.summary.length * alert.annotations.description.length).toBeGreaterThan(0);
    }
  });
});

describe("PlatformAlerts", () => {
  it("creates one PrometheusRule carrying the labels Prometheus loads rules by", async () => {
    const runtime = await mockRuntime();
    new PlatformAlerts("platform-alerts", { namespace: "monitoring" });
    await runtime.settled();
    const prometheusRule = runtime.one("kubernetes:monitoring.coreos.com/v1:PrometheusRule");
    expect(prometheusRule.inputs.metadata).toMatchObject({ name: "platform-alerts", namespace: "monitoring", labels: { release: "kube-prometheus-stack" } });
    expect(prometheusRule.inputs.spec.groups).toEqual(platformAlertGroups());
  });
});
