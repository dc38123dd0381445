/**
 * The scan record: what the image pipeline's scan found for one image tag, committed beside the
 * promotion that first records the tag for dev (`scans/<image>/<tag>.json`). Promotion refuses a
 * tag without a passing record, and refuses it again once an exception the record relied on has
 * expired, so a vulnerability accepted for dev cannot ride to production after its end.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import type { PlatformImageName } from "@platform/config/src/images";
import { imageReference } from "../image-tag";
import { isLive, type ScanException } from "./exceptions";
import type { GateResult } from "./gate";
import type { Severity, TrivyReport } from "./trivy-report";

export interface ScanRecord {
  readonly image: PlatformImageName;
  readonly tag: string;
  readonly reference: string;
  /** `<repository>@sha256:...` of the image scanned, as the registry reported it. */
  readonly digests: readonly string[];
  readonly scanner: { readonly name: "trivy"; readonly version: string };
  readonly scannedAt: string;
  readonly passed: true;
  readonly counts: Readonly<Record<Severity, number>>;
  /** The fixable critical and high findings let through, and the day their exception ends. */
  readonly accepted: readonly { readonly vulnerability: string; readonly package: string; readonly expires: string }[];
}

/** Where the record of a tag lives, relative to the workspace root. */
export function scanRecordPath(image: PlatformImageName, tag: string): string {
  return join("scans", image, `${tag.replace(/^sha256:/, "sha256-")}.json`);
}

export function scanRecordOf(image: PlatformImageName, tag: string, trivy: TrivyReport, gate: GateResult): ScanRecord {
  if (!gate.passed) throw new Error("Only a passing scan is recorded");
  return {
    image,
    tag,
    reference: imageReference(image, tag),
    digests: trivy.Metadata.RepoDigests,
    scanner: { name: "trivy", version: trivy.Trivy.Version },
    scannedAt: trivy.CreatedAt,
    passed: true,
    counts: gate.counts,
    accepted: gate.accepted.map(({ finding, exception }) => ({ vulnerability: finding.id, package: finding.pkg, expires: exception.expires })),
  };
}

export function writeScanRecord(workspaceRoot: string, record: ScanRecord): string {
  const path = scanRecordPath(record.image, record.tag);
  mkdirSync(dirname(join(workspaceRoot, path)), { recursive: true });
  writeFileSync(join(workspaceRoot, path), `${JSON.stringify(record, null, 2)}\n`);
  return path;
}

/**
 * Why a tag may not be promoted on `today`, or nothing: it has no passing scan record, the record
 * is of another image, or an exception it relied on no longer applies.
 */
export function promotionScanProblems(
  workspaceRoot: string,
  image: PlatformImageName,
  tag: string,
  exceptions: readonly ScanException[],
  today: string,
): string[] {
  const path = scanRecordPath(image, tag);
  const reference = imageReference(image, tag);
  if (!existsSync(join(workspaceRoot, path))) {
    return [
      `${reference} has no passing scan (${path} does not exist): only an image that CI built and scanned is promoted. ` +
        `Its pipeline runs npm run image:scan -- --app ${image} --tag ${tag} --report <trivy report> before recording it for dev.`,
    ];
  }
  let record: ScanRecord;
  try {
    record = JSON.parse(readFileSync(join(workspaceRoot, path), "utf8")) as ScanRecord;
  } catch (error) {
    return [`${path} is not a scan record: ${(error as Error).message}`];
  }
  if (record.image !== image || record.tag !== tag || record.passed !== true) {
    return [`${path} records ${record.image}:${record.tag} passed=${String(record.passed)}, not a passing scan of ${reference}`];
  }
  return record.accepted.flatMap((entry) => {
    const exception = exceptions.find((e) => e.image === image && e.vulnerability === entry.vulnerability && e.package === entry.package);
    if (exception && isLive(exception, today)) return [];
    return [
      `${reference} passed its scan with ${entry.vulnerability} in ${entry.package} accepted, and that exception ` +
        (exception ? `expired on ${exception.expires}` : "is no longer listed") +
        ": rebuild with the fix (its new scan is recorded with the new tag), or renew the exception in libs/pipeline/src/images/scan/exceptions.ts.",
    ];
  });
}
