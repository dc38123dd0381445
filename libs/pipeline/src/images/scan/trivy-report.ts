/**
 * The part of a Trivy JSON report (`trivy image --format json`, schema version 2) that the gate
 * reads, checked as it is parsed: a report of another shape, or of another image, is refused with
 * the field that is wrong rather than read as "no vulnerabilities". Field names are Trivy's own
 * (`pkg/types/report.go` and `vulnerability.go` at v0.74.0, the version CI installs); Trivy omits
 * empty fields, so a package without a fix has no `FixedVersion`.
 */
import { z } from "zod";

export const SEVERITIES = ["CRITICAL", "HIGH", "MEDIUM", "LOW", "UNKNOWN"] as const;
export type Severity = (typeof SEVERITIES)[number];

const vulnerability = z.object({
  VulnerabilityID: z.string().min(1),
  PkgName: z.string().min(1),
  InstalledVersion: z.string().default(""),
  FixedVersion: z.string().default(""),
  Severity: z.enum(SEVERITIES),
  Title: z.string().default(""),
});

const report = z.object({
  SchemaVersion: z.literal(2, { error: "expected 2, the schema of Trivy's JSON reports since v0.20" }),
  Trivy: z.object({ Version: z.string().default("") }).default({ Version: "" }),
  CreatedAt: z.string().min(1),
  ArtifactName: z.string().min(1),
  ArtifactType: z.literal("container_image", { error: 'expected "container_image": scan the pushed image, not a folder' }),
  Metadata: z.object({ RepoDigests: z.array(z.string()).default([]) }).default({ RepoDigests: [] }),
  Results: z
    .array(z.object({ Target: z.string(), Class: z.string().default(""), Vulnerabilities: z.array(vulnerability).default([]) }))
    .default([]),
});

export type TrivyReport = z.output<typeof report>;

/** One vulnerable package, where the report found it. */
export interface Finding {
  readonly id: string;
  readonly severity: Severity;
  readonly pkg: string;
  readonly installed: string;
  /** Empty when no fixed version exists yet. */
  readonly fixedIn: string;
  readonly target: string;
  readonly title: string;
}

/** Parses a report, or throws naming every field that is wrong. */
export function parseTrivyReport(text: string, source: string): TrivyReport {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new Error(`${source} is not JSON (${(error as Error).message}): expected the output of trivy image --format json`);
  }
  const parsed = report.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join(".") || "(report)"}: ${issue.message}`);
    throw new Error(`${source} is not a Trivy image report:\n  - ${problems.join("\n  - ")}`);
  }
  return parsed.data;
}

export function findingsOf(trivy: TrivyReport): Finding[] {
  return trivy.Results.flatMap((result) =>
    result.Vulnerabilities.map((v) => ({
      id: v.VulnerabilityID,
      severity: v.Severity,
      pkg: v.PkgName,
      installed: v.InstalledVersion,
      fixedIn: v.FixedVersion,
      target: result.Target,
      title: v.Title,
    })),
  );
}
