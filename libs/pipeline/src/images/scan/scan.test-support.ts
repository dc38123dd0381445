/**
 * Trivy image reports written the way Trivy v0.74.0 writes them (`pkg/types/report.go`): empty
 * fields omitted, so a vulnerability with no fix has no FixedVersion and a clean target no
 * Vulnerabilities.
 */
export interface ReportVulnerability {
  readonly id: string;
  readonly severity: "CRITICAL" | "HIGH" | "MEDIUM" | "LOW" | "UNKNOWN";
  readonly pkg: string;
  readonly installed?: string;
  readonly fixedIn?: string;
}

export function trivyReport(artifact: string, vulnerabilities: readonly ReportVulnerability[], options: { target?: string } = {}): Record<string, unknown> {
  return {
    SchemaVersion: 2,
    Trivy: { Version: "0.74.0" },
    ReportID: "019a0b5e-6f4e-7c3a-9d2b-1f0e8a7c6b5d",
    CreatedAt: "2026-11-30T12:00:00.123456789Z",
    ArtifactID: "sha256:5f1c0e3d2b4a69788776655443322110ffeeddccbbaa99887766554433221100",
    ArtifactName: artifact,
    ArtifactType: "container_image",
    Metadata: {
      Size: 61_234_567,
      OS: { Family: "debian", Name: "12.12" },
      ImageID: "sha256:5f1c0e3d2b4a69788776655443322110ffeeddccbbaa99887766554433221100",
      RepoTags: [artifact],
      RepoDigests: [`${artifact.split(":").slice(0, -1).join(":")}@sha256:${"d".repeat(64)}`],
    },
    Results: [
      {
        Target: options.target ?? `${artifact} (debian 12.12)`,
        Class: "os-pkgs",
        Type: "debian",
        ...(vulnerabilities.length > 0
          ? {
              Vulnerabilities: vulnerabilities.map((v) => ({
                VulnerabilityID: v.id,
                PkgID: `${v.pkg}@${v.installed ?? "1.0"}`,
                PkgName: v.pkg,
                InstalledVersion: v.installed ?? "1.0",
                ...(v.fixedIn ? { FixedVersion: v.fixedIn, Status: "fixed" } : { Status: "affected" }),
                SeveritySource: "nvd",
                PrimaryURL: `https://avd.aquasec.com/nvd/${v.id.toLowerCase()}`,
                Title: `${v.pkg}: a flaw`,
                Severity: v.severity,
              })),
            }
          : {}),
      },
      { Target: "app/package-lock.json", Class: "lang-pkgs", Type: "npm" },
    ],
  };
}
