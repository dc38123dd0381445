import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { scanImage } from "../../commands/image-scan";
import { UsageError } from "../../commands/args";
import { exceptionProblems, SCAN_EXCEPTIONS, type ScanException } from "./exceptions";
import { scanGate } from "./gate";
import { promotionScanProblems, scanRecordPath } from "./record";
import { trivyReport, type ReportVulnerability } from "./scan.test-support";
import { findingsOf, parseTrivyReport } from "./trivy-report";

const SHA = "3e1d9b7c5a2f4e6d8c0b1a3f5e7d9c2b4a6f8e0d";
const REFERENCE = `registry.digitalocean.com/pioneer/degenquest:${SHA}`;
const TODAY = "2026-11-30";

const exception = (overrides: Partial<ScanException> = {}): ScanException => ({
  image: "degenquest",
  vulnerability: "CVE-2026-1001",
  package: "openssl",
  reason: "only reachable through the TLS client, which the game server never uses",
  added: "2026-11-01",
  expires: "2026-12-31",
  ...overrides,
});

function scanIn(vulnerabilities: readonly ReportVulnerability[], exceptions: readonly ScanException[] = [], today = TODAY) {
  const root = mkdtempSync(join(tmpdir(), "scan-"));
  const reportFile = join(root, "trivy.json");
  writeFileSync(reportFile, JSON.stringify(trivyReport(REFERENCE, vulnerabilities)));
  return { root, result: scanImage({ app: "degenquest", tag: SHA, reportFile, workspaceRoot: root, exceptions, today }) };
}

describe("the scan gate", () => {
  it("passes an image whose critical and high findings have no fix yet, and counts everything", () => {
    const { root, result } = scanIn([
      { id: "CVE-2026-1001", severity: "CRITICAL", pkg: "openssl" },
      { id: "CVE-2026-1002", severity: "HIGH", pkg: "zlib" },
      { id: "CVE-2026-1003", severity: "MEDIUM", pkg: "curl", fixedIn: "8.1" },
    ]);
    expect(result.passed).toBe(true);
    expect(result.output).toBe(
      `${REFERENCE}: 1 critical, 1 high, 1 medium, 0 low, 0 unknown.\n` +
        "Passed: no fixable critical or high vulnerability without a live exception.\n" +
        `Recorded in scans/degenquest/${SHA}.json.`,
    );
    expect(JSON.parse(readFileSync(join(root, scanRecordPath("degenquest", SHA)), "utf8"))).toEqual({
      image: "degenquest",
      tag: SHA,
      reference: REFERENCE,
      digests: [`registry.digitalocean.com/pioneer/degenquest@sha256:${"d".repeat(64)}`],
      scanner: { name: "trivy", version: "0.74.0" },
      scannedAt: "2026-11-30T12:00:00.123456789Z",
      passed: true,
      counts: { CRITICAL: 1, HIGH: 1, MEDIUM: 1, LOW: 0, UNKNOWN: 0 },
      accepted: [],
    });
  });

  it("fails on each fixable critical or high finding, naming the fix, and records nothing", () => {
    const { root, result } = scanIn([
      { id: "CVE-2026-1001", severity: "CRITICAL", pkg: "openssl", installed: "3.0.1", fixedIn: "3.0.2" },
      { id: "GHSA-2x4m-8v3p-q9rw", severity: "HIGH", pkg: "lodash", installed: "4.17.20", fixedIn: "4.17.21" },
      { id: "CVE-2026-1003", severity: "LOW", pkg: "curl", fixedIn: "8.1" },
    ]);
    expect(result.passed).toBe(false);
    expect(result.output.split("\n")).toEqual([
      `${REFERENCE}: 1 critical, 1 high, 0 medium, 1 low, 0 unknown.`,
      `  BLOCKING CVE-2026-1001 (CRITICAL) in openssl 3.0.1, fixed in 3.0.2 (${REFERENCE} (debian 12.12))`,
      `  BLOCKING GHSA-2x4m-8v3p-q9rw (HIGH) in lodash 4.17.20, fixed in 4.17.21 (${REFERENCE} (debian 12.12))`,
      "Failed: 2 fixable critical or high vulnerabilities. Upgrade the packages (or the base image) and rebuild; an exception, " +
        "with its reason and an end within 90 days, goes in libs/pipeline/src/images/scan/exceptions.ts.",
    ]);
    expect(() => readFileSync(join(root, scanRecordPath("degenquest", SHA)))).toThrow(/ENOENT/);
  });

  it("lets a finding through while its exception lives, through its last day, and records the end", () => {
    const fixable = [{ id: "CVE-2026-1001", severity: "CRITICAL", pkg: "openssl", installed: "3.0.1", fixedIn: "3.0.2" }] as const;
    const { root, result } = scanIn(fixable, [exception()], "2026-12-31");
    expect(result.passed).toBe(true);
    expect(result.output).toContain(`accepted until 2026-12-31: CVE-2026-1001 (CRITICAL) in openssl 3.0.1: ${exception().reason}`);
    expect(JSON.parse(readFileSync(join(root, scanRecordPath("degenquest", SHA)), "utf8")).accepted).toEqual([
      { vulnerability: "CVE-2026-1001", package: "openssl", expires: "2026-12-31" },
    ]);

    const expired = scanIn(fixable, [exception()], "2027-01-01").result;
    expect(expired.passed).toBe(false);
    expect(expired.output).toContain("BLOCKING CVE-2026-1001 (CRITICAL) in openssl 3.0.1, fixed in 3.0.2");
    expect(expired.output).toContain("its exception expired on 2026-12-31");
  });

  it("applies an exception only to its image, vulnerability and package", () => {
    const finding = findingsOf(parseTrivyReport(JSON.stringify(trivyReport(REFERENCE, [{ id: "CVE-2026-1001", severity: "HIGH", pkg: "openssl", fixedIn: "3.0.2" }])), "r"));
    for (const other of [exception({ image: "pioneer-agent" }), exception({ vulnerability: "CVE-2026-9999" }), exception({ package: "libssl3" })]) {
      expect(scanGate("degenquest", finding, [other], TODAY).passed).toBe(false);
    }
    expect(scanGate("degenquest", finding, [exception()], TODAY).passed).toBe(true);
  });

  it("refuses a report of another image, and a report that is not Trivy's, naming every wrong field", () => {
    const root = mkdtempSync(join(tmpdir(), "scan-"));
    const other = join(root, "other.json");
    writeFileSync(other, JSON.stringify(trivyReport(`registry.digitalocean.com/pioneer/degenquest:${"0".repeat(40)}`, [])));
    const request = { app: "degenquest", tag: SHA, workspaceRoot: root, exceptions: [], today: TODAY };
    expect(() => scanImage({ ...request, reportFile: other })).toThrow(
      `${other} is a report of registry.digitalocean.com/pioneer/degenquest:${"0".repeat(40)}, not of ${REFERENCE}: scan the image that was pushed`,
    );
    const wrong = join(root, "wrong.json");
    writeFileSync(wrong, JSON.stringify({ SchemaVersion: 1, ArtifactName: REFERENCE, ArtifactType: "filesystem", CreatedAt: "x", Results: [{ Target: "t", Vulnerabilities: [{ VulnerabilityID: "CVE-1", PkgName: "p", Severity: "SEVERE" }] }] }));
    expect(() => scanImage({ ...request, reportFile: wrong })).toThrow(
      `${wrong} is not a Trivy image report:\n` +
        "  - SchemaVersion: expected 2, the schema of Trivy's JSON reports since v0.20\n" +
        '  - ArtifactType: expected "container_image": scan the pushed image, not a folder\n' +
        '  - Results.0.Vulnerabilities.0.Severity: Invalid option: expected one of "CRITICAL"|"HIGH"|"MEDIUM"|"LOW"|"UNKNOWN"',
    );
    const text = join(root, "text.txt");
    writeFileSync(text, "2026-11-30T12:00:00Z INFO Vulnerability scanning is enabled");
    expect(() => scanImage({ ...request, reportFile: text })).toThrow(`${text} is not JSON`);
  });

  it("refuses an unknown image, a mutable tag and a bad exception together, before reading any report", () => {
    const attempt = () =>
      scanImage({ app: "degen", tag: "latest", reportFile: "/nonexistent", workspaceRoot: "/nonexistent", exceptions: [exception({ expires: "2027-06-01" })], today: TODAY });
    expect(attempt).toThrow(UsageError);
    expect(attempt).toThrow(
      "Cannot scan:\n" +
        "  - --app degen: expected an image the platform builds: degenquest, pioneer-agent, degenquest-backup-tools\n" +
        '  - --tag is "latest": expected the 40-character commit SHA the image was built from (CircleCI\'s $CIRCLE_SHA1) or a sha256: digest; mutable tags such as "latest" or a branch name are refused\n' +
        "  - SCAN_EXCEPTIONS[0] (CVE-2026-1001 in degenquest).expires is 212 days after added: expected at most 90",
    );
  });
});

describe("scan exceptions", () => {
  it("the platform's own list is sound", () => {
    expect(exceptionProblems(SCAN_EXCEPTIONS)).toEqual([]);
  });

  it("reports every problem of every entry at once", () => {
    const bad = { image: "nope", vulnerability: "bug 12", package: " ", reason: "ok", added: "2026-13-01", expires: "soon" } as unknown as ScanException;
    expect(exceptionProblems([exception(), bad, exception({ added: "2026-12-01", expires: "2026-11-01" })])).toEqual([
      'SCAN_EXCEPTIONS[1] (bug 12 in nope).image is "nope": expected an image the platform builds',
      'SCAN_EXCEPTIONS[1] (bug 12 in nope).vulnerability is "bug 12": expected an advisory id such as CVE-2026-12345',
      "SCAN_EXCEPTIONS[1] (bug 12 in nope).package is empty: expected the package Trivy reports it in",
      'SCAN_EXCEPTIONS[1] (bug 12 in nope).reason is "ok": expected why it is accepted and what protects the image meanwhile',
      'SCAN_EXCEPTIONS[1] (bug 12 in nope).added is "2026-13-01": expected a date YYYY-MM-DD',
      'SCAN_EXCEPTIONS[1] (bug 12 in nope).expires is "soon": expected a date YYYY-MM-DD',
      "SCAN_EXCEPTIONS[2] (CVE-2026-1001 in degenquest).expires (2026-11-01) is before added (2026-12-01)",
    ]);
  });
});

describe("promotion of a scanned tag", () => {
  const workspace = (record?: object) => {
    const root = mkdtempSync(join(tmpdir(), "promote-scan-"));
    if (record) {
      mkdirSync(join(root, "scans", "degenquest"), { recursive: true });
      writeFileSync(join(root, scanRecordPath("degenquest", SHA)), JSON.stringify(record));
    }
    return root;
  };
  const passing = (accepted: object[] = []) => ({ image: "degenquest", tag: SHA, reference: REFERENCE, passed: true, accepted });

  it("is refused without a passing scan, saying how the image pipeline makes one", () => {
    expect(promotionScanProblems(workspace(), "degenquest", SHA, [], TODAY)).toEqual([
      `${REFERENCE} has no passing scan (scans/degenquest/${SHA}.json does not exist): only an image that CI built and scanned is promoted. ` +
        `Its pipeline runs npm run image:scan -- --app degenquest --tag ${SHA} --report <trivy report> before recording it for dev.`,
    ]);
    expect(promotionScanProblems(workspace({ ...passing(), tag: "0".repeat(40) }), "degenquest", SHA, [], TODAY)).toEqual([
      `scans/degenquest/${SHA}.json records degenquest:${"0".repeat(40)} passed=true, not a passing scan of ${REFERENCE}`,
    ]);
  });

  it("is allowed with a passing scan, and while the exceptions it relied on live", () => {
    expect(promotionScanProblems(workspace(passing()), "degenquest", SHA, [], TODAY)).toEqual([]);
    const relied = passing([{ vulnerability: "CVE-2026-1001", package: "openssl", expires: "2026-12-31" }]);
    expect(promotionScanProblems(workspace(relied), "degenquest", SHA, [exception()], "2026-12-31")).toEqual([]);
  });

  it("is refused once an exception the scan relied on has expired or been removed", () => {
    const relied = passing([{ vulnerability: "CVE-2026-1001", package: "openssl", expires: "2026-12-31" }]);
    expect(promotionScanProblems(workspace(relied), "degenquest", SHA, [exception()], "2027-01-01")).toEqual([
      `${REFERENCE} passed its scan with CVE-2026-1001 in openssl accepted, and that exception expired on 2026-12-31: rebuild with the fix ` +
        "(its new scan is recorded with the new tag), or renew the exception in libs/pipeline/src/images/scan/exceptions.ts.",
    ]);
    expect(promotionScanProblems(workspace(relied), "degenquest", SHA, [], TODAY)[0]).toContain("that exception is no longer listed");
  });
});
