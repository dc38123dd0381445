import { describe, expect, it } from "vitest";
import { admissionCountsIn, countsCover } from "./admission";

describe("admissionCountsIn", () => {
  it("sums the counter by policy and enforcement action, whatever the error type", () => {
    const metrics = [
      "# HELP apiserver_validating_admission_policy_check_total [BETA] Validation admission policy check total",
      "# TYPE apiserver_validating_admission_policy_check_total counter",
      'apiserver_validating_admission_policy_check_total{enforcement_action="deny",error_type="invalid_error",policy="platform-pipeline-only",policy_binding="platform-pipeline-only"} 3',
      'apiserver_validating_admission_policy_check_total{enforcement_action="deny",error_type="compile_error",policy="platform-pipeline-only",policy_binding="platform-pipeline-only"} 1',
      'apiserver_validating_admission_policy_check_total{enforcement_action="warn",error_type="invalid_error",policy="platform-break-glass",policy_binding="platform-break-glass"} 4',
      'apiserver_validating_admission_policy_check_duration_seconds_count{enforcement_action="deny",error_type="invalid_error",policy="platform-pipeline-only",policy_binding="platform-pipeline-only"} 9',
    ].join("\n");
    expect(admissionCountsIn(metrics)).toEqual(
      new Map([
        ["platform-pipeline-only deny", 4],
        ["platform-break-glass warn", 4],
      ]),
    );
  });
});

describe("countsCover", () => {
  it("names each policy and action counted less often than the run made it act", () => {
    const counts = new Map([
      ["platform-pipeline-only deny", 5],
      ["platform-break-glass warn", 1],
    ]);
    expect(countsCover(counts, { "platform-pipeline-only deny": 3 })).toEqual([]);
    expect(countsCover(counts, { "platform-pipeline-only deny": 3, "platform-break-glass warn": 4, "platform-ci-images deny": 2 })).toEqual([
      "platform-break-glass warn: counted 1, expected at least 4",
      "platform-ci-images deny: counted 0, expected at least 2",
    ]);
  });
});
