import type { AuditReport, Finding } from "./audit";
import { keyString } from "./objects";

export const RUNBOOK = "docs/runbooks/alerts.md#unmanaged-objects-found";

/** The audit as a person reads it: one line per unmanaged object, then what to do. */
export function renderReport(report: AuditReport): string {
  const lines = [
    `Audited ${report.cluster}: ${plural(report.namespaces.length, "namespace")} (${report.namespaces.join(", ") || "none"}), ` +
      `${report.typesListed} resource types, ${report.objectsChecked} objects.`,
  ];
  if (report.findings.length > 0) {
    lines.push("", ...table(report.findings));
    const dependents = report.findings.reduce((sum, finding) => sum + finding.dependents.length, 0);
    lines.push(
      "",
      `✗ ${report.findings.length} object${report.findings.length === 1 ? "" : "s"} that no Pulumi stack manages` +
        (dependents > 0 ? ` (and ${dependents} that exist because of them)` : "") +
        `. Declare each in a Pulumi project or delete it: ${RUNBOOK}`,
    );
  } else {
    lines.push("✓ Every object is managed by a Pulumi stack.");
  }
  if (report.problems.length > 0) {
    lines.push("", "✗ The audit is incomplete; it could not read:", ...report.problems.map((problem) => `    - ${problem}`));
  }
  return lines.join("\n");
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}

function table(findings: readonly Finding[]): string[] {
  const rows = [
    ["KIND", "NAMESPACE", "NAME", "WHY SUSPECT"],
    ...findings.map((finding) => [finding.object.kind, finding.object.namespace, finding.object.name, why(finding)]),
  ];
  const widths = [0, 1, 2].map((column) => Math.max(...rows.map((row) => row[column]!.length)));
  return rows.map((row) => row.map((cell, column) => (column < 3 ? cell.padEnd(widths[column]!) : cell)).join("  ").trimEnd());
}

function why(finding: Finding): string {
  if (finding.dependents.length === 0) return finding.reason;
  const shown = finding.dependents.slice(0, 3).map((key) => keyString(key).replace(`${key.namespace}/`, ""));
  const more = finding.dependents.length > 3 ? `, and ${finding.dependents.length - 3} more` : "";
  return `${finding.reason} (+${finding.dependents.length} dependent: ${shown.join(", ")}${more})`;
}

/** Exit code of the audit: 0 clean, 1 unmanaged objects found, 2 the audit could not vouch for the cluster. */
export function exitCode(report: AuditReport): number {
  if (report.findings.length > 0) return 1;
  return report.problems.length > 0 ? 2 : 0;
}
