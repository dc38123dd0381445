import { describe, expect, it } from "vitest";
import type { AuditReport } from "./audit";
import { exitCode, renderReport } from "./report";

const base: AuditReport = { cluster: "do-nyc3-degen-production", namespaces: ["degenquest"], typesListed: 39, objectsChecked: 40, findings: [], problems: [] };
const debugShell = {
  object: { kind: "Deployment", namespace: "degenquest", name: "debug-shell" },
  apiVersion: "apps/v1",
  reason: "no Pulumi mark; written by kubectl-create",
  dependents: [
    { kind: "ReplicaSet", namespace: "degenquest", name: "debug-shell-7f9c8d6b5" },
    { kind: "Pod", namespace: "degenquest", name: "debug-shell-7f9c8d6b5-q4r8t" },
  ],
};

describe("renderReport", () => {
  it("prints a table of unmanaged objects with why each is suspect and where the runbook is", () => {
    const report = { ...base, findings: [debugShell, { ...debugShell, object: { ...debugShell.object, kind: "ConfigMap", name: "hotfix" }, dependents: [] }] };
    expect(renderReport(report)).toBe(
      [
        "Audited do-nyc3-degen-production: 1 namespace (degenquest), 39 resource types, 40 objects.",
        "",
        "KIND        NAMESPACE   NAME         WHY SUSPECT",
        "Deployment  degenquest  debug-shell  no Pulumi mark; written by kubectl-create (+2 dependent: ReplicaSet debug-shell-7f9c8d6b5, Pod debug-shell-7f9c8d6b5-q4r8t)",
        "ConfigMap   degenquest  hotfix       no Pulumi mark; written by kubectl-create",
        "",
        "✗ 2 objects that no Pulumi stack manages (and 2 that exist because of them). Declare each in a Pulumi project or delete it: docs/runbooks/alerts.md#unmanaged-objects-found",
      ].join("\n"),
    );
    expect(exitCode(report)).toBe(1);
  });

  it("says plainly when every object is managed, and exits 0", () => {
    expect(renderReport(base)).toContain("✓ Every object is managed by a Pulumi stack.");
    expect(exitCode(base)).toBe(0);
  });

  it("exits 2 when the audit could not read everything, even with no findings", () => {
    const report = { ...base, problems: ["could not list secrets.v1 in degenquest: HTTP 403"] };
    expect(renderReport(report)).toContain("✗ The audit is incomplete; it could not read:\n    - could not list secrets.v1 in degenquest: HTTP 403");
    expect(exitCode(report)).toBe(2);
  });
});
