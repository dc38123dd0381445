import { describe, expect, it } from "vitest";
import { stackChanges } from "../preview/changes";
import { previewFixture } from "../preview/fixtures";
import { driftExitCode, renderDriftSummary, type DriftResult } from "./drift-summary";

const clean = (environment: string, project: string): DriftResult => ({ environment, project, status: "clean" });

describe("renderDriftSummary", () => {
  it("says so when every stack matches its code, and exits zero", () => {
    const results = [clean("dev", "cluster-base"), clean("dev", "networking")];
    expect(renderDriftSummary(results)).toBe("✓ No drift: all 2 stacks match their code.\n\n✓ clean: dev/cluster-base, dev/networking");
    expect(driftExitCode(results)).toBe(0);
  });

  it("names the drifted stacks first, lists what differs, and exits non-zero", () => {
    const results: DriftResult[] = [
      clean("production", "cluster-base"),
      { environment: "production", project: "degenquest", status: "drifted", changes: stackChanges(previewFixture("app-update.dev")).changes },
    ];
    const summary = renderDriftSummary(results);
    expect(summary.split("\n")[0]).toBe("✗ DRIFT: 1 drifted (production/degenquest) of 2 stacks.");
    expect(summary).toContain("✗ production/degenquest differs from its code:\n    ~ update  kubernetes:apps/v1:Deployment degenquest-deployment (spec)");
    expect(summary).toContain("✓ clean: production/cluster-base");
    expect(driftExitCode(results)).toBe(1);
  });

  it("counts a stack that could not be checked as a failure, never as clean", () => {
    const results: DriftResult[] = [
      clean("dev", "cluster-base"),
      { environment: "staging", project: "observability", status: "error", message: "error: failed to refresh: 401 Unable to authenticate you" },
    ];
    const summary = renderDriftSummary(results);
    expect(summary.split("\n")[0]).toBe("✗ DRIFT: 1 could not be checked (staging/observability) of 2 stacks.");
    expect(summary).toContain("! staging/observability could not be checked:\n    error: failed to refresh: 401 Unable to authenticate you");
    expect(driftExitCode(results)).toBe(1);
  });
});
