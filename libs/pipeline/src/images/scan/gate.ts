/**
 * The scan gate: an image with a fixable critical or high vulnerability does not ship, unless a
 * live exception names that vulnerability in that package of that image. Unfixable findings and
 * lower severities are reported, not blocking: nothing the build could do would remove them.
 */
import type { PlatformImageName } from "@platform/config/src/images";
import { isLive, type ScanException } from "./exceptions";
import { SEVERITIES, type Finding, type Severity } from "./trivy-report";

export const BLOCKING_SEVERITIES: readonly Severity[] = ["CRITICAL", "HIGH"];

export interface GateResult {
  readonly passed: boolean;
  /** Fixable critical and high findings with no live exception. */
  readonly blocking: readonly Finding[];
  /** Findings let through by a live exception, with it. */
  readonly accepted: readonly { readonly finding: Finding; readonly exception: ScanException }[];
  /** Blocking findings whose exception has expired: said outright, so nobody wonders why it stopped passing. */
  readonly expired: readonly { readonly finding: Finding; readonly exception: ScanException }[];
  readonly counts: Readonly<Record<Severity, number>>;
}

const matches = (image: PlatformImageName, finding: Finding) => (exception: ScanException) =>
  exception.image === image && exception.vulnerability === finding.id && exception.package === finding.pkg;

export function scanGate(image: PlatformImageName, findings: readonly Finding[], exceptions: readonly ScanException[], today: string): GateResult {
  const counts = Object.fromEntries(SEVERITIES.map((severity) => [severity, 0])) as Record<Severity, number>;
  const blocking: Finding[] = [];
  const accepted: GateResult["accepted"][number][] = [];
  const expired: GateResult["expired"][number][] = [];
  for (const finding of findings) {
    counts[finding.severity]++;
    if (!BLOCKING_SEVERITIES.includes(finding.severity) || finding.fixedIn === "") continue;
    const named = exceptions.filter(matches(image, finding));
    const live = named.find((exception) => isLive(exception, today));
    if (live) {
      accepted.push({ finding, exception: live });
      continue;
    }
    blocking.push(finding);
    if (named[0]) expired.push({ finding, exception: named[0] });
  }
  return { passed: blocking.length === 0, blocking, accepted, expired, counts };
}

/** The gate's verdict in words: one line per blocking finding, with the fix. */
export function describeGate(reference: string, result: GateResult): string {
  const counts = SEVERITIES.map((severity) => `${result.counts[severity]} ${severity.toLowerCase()}`).join(", ");
  const lines = [`${reference}: ${counts}.`];
  for (const { finding, exception } of result.accepted) {
    lines.push(`  accepted until ${exception.expires}: ${finding.id} (${finding.severity}) in ${finding.pkg} ${finding.installed}: ${exception.reason}`);
  }
  for (const finding of result.blocking) {
    const lapsed = result.expired.find((entry) => entry.finding === finding);
    lines.push(
      `  BLOCKING ${finding.id} (${finding.severity}) in ${finding.pkg} ${finding.installed}, fixed in ${finding.fixedIn} (${finding.target})` +
        (lapsed ? `: its exception expired on ${lapsed.exception.expires}` : ""),
    );
  }
  lines.push(
    result.passed
      ? "Passed: no fixable critical or high vulnerability without a live exception."
      : `Failed: ${result.blocking.length} fixable critical or high ${result.blocking.length === 1 ? "vulnerability" : "vulnerabilities"}. ` +
          "Upgrade the packages (or the base image) and rebuild; an exception, with its reason and an end within 90 days, " +
          "goes in libs/pipeline/src/images/scan/exceptions.ts.",
  );
  return lines.join("\n");
}
