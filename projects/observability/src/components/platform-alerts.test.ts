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
