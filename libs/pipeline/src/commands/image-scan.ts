import { readFileSync } from "node:fs";
import { isPlatformImage, PLATFORM_IMAGES } from "@platform/config/src/images";
import { imageReference, imageTagProblems } from "../images/image-tag";
import { exceptionProblems, SCAN_EXCEPTIONS, type ScanException } from "../images/scan/exceptions";
import { describeGate, scanGate } from "../images/scan/gate";
import { scanRecordOf, writeScanRecord } from "../images/scan/record";
import { findingsOf, parseTrivyReport } from "../images/scan/trivy-report";
import { WORKSPACE_ROOT } from "../workspace";
import { parseOptions, required, UsageError } from "./args";

export const SCAN_OPTIONS = {
  app: { type: "string" },
  tag: { type: "string" },
  report: { type: "string" },
} as const;

/** Today in UTC, `YYYY-MM-DD`, the unit exceptions end in. */
export const utcToday = (now = new Date()) => now.toISOString().slice(0, 10);

export interface ScanRequest {
  readonly app: string;
  readonly tag: string;
  readonly reportFile: string;
  readonly workspaceRoot: string;
  readonly exceptions: readonly ScanException[];
  readonly today: string;
}

/**
 * The gate on the image pipeline's Trivy report, and the record it leaves: what `image:scan` does,
 * with the workspace, the exception list and the day given. Throws a UsageError naming every
 * problem of the request at once.
 */
export function scanImage(request: ScanRequest): { readonly passed: boolean; readonly output: string; readonly record?: string } {
  const { app, tag, reportFile } = request;
  const problems = [
    ...(isPlatformImage(app) ? [] : [`--app ${app}: expected an image the platform builds: ${Object.keys(PLATFORM_IMAGES).join(", ")}`]),
    ...imageTagProblems("--tag", tag),
    ...exceptionProblems(request.exceptions),
  ];
  if (problems.length > 0 || !isPlatformImage(app)) throw new UsageError(`Cannot scan:\n  - ${problems.join("\n  - ")}`);

  const reference = imageReference(app, tag);
  const trivy = parseTrivyReport(readFileSync(reportFile, "utf8"), reportFile);
  if (trivy.ArtifactName !== reference) {
    throw new UsageError(`${reportFile} is a report of ${trivy.ArtifactName}, not of ${reference}: scan the image that was pushed`);
  }
  const gate = scanGate(app, findingsOf(trivy), request.exceptions, request.today);
  const output = describeGate(reference, gate);
  if (!gate.passed) return { passed: false, output };
  const record = writeScanRecord(request.workspaceRoot, scanRecordOf(app, tag, trivy, gate));
  return { passed: true, output: `${output}\nRecorded in ${record}.`, record };
}

/**
 * `npm run image:scan -- --app <image> --tag <sha> --report <trivy.json>`: exits 1, naming each
 * blocking vulnerability, when the image has a fixable critical or high one without a live
 * exception; otherwise writes the scan record that `image:promote` requires
 * (`scans/<image>/<tag>.json`), to be committed with the promotion.
 */
export async function imageScan(args: readonly string[]): Promise<number> {
  const values = parseOptions(args, SCAN_OPTIONS);
  const result = scanImage({
    app: required(values.app, "--app"),
    tag: required(values.tag, "--tag"),
    reportFile: required(values.report, "--report"),
    workspaceRoot: WORKSPACE_ROOT,
    exceptions: SCAN_EXCEPTIONS,
    today: utcToday(),
  });
  console.log(result.output);
  return result.passed ? 0 : 1;
}
