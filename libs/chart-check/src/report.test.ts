import { describe, expect, it } from "vitest";
import { formatReport } from "./report";

describe("formatReport", () => {
  it("prints a line per chart and environment, then every problem, then the totals", () => {
    const text = formatReport(
      [
        { env: "dev", chart: "metrics-server", version: "3.13.1", rendered: 10, validated: 10, problems: 0, seconds: 1.24 },
        { env: "production", chart: "eck-operator", version: "3.5.0", rendered: 20, validated: 19, problems: 1, seconds: 3 },
      ],
      [{ env: "production", chart: "eck-operator", version: "3.5.0", kind: "refused", message: "PodDisruptionBudget logging/x refused: boom" }],
      12.34,
    );
    expect(text.split("\n")).toEqual([
      "✓ dev         metrics-server 3.13.1    10 rendered,   10 validated, 1.2 s",
      "✗ production  eck-operator 3.5.0       20 rendered,   19 validated, 1 problem, 3.0 s",
      "",
      "1 problem:",
      "  production / eck-operator 3.5.0: PodDisruptionBudget logging/x refused: boom",
      "",
      "Chart check failed: 2 chart × environment pairs, 30 objects rendered, 29 validated by the API server, 1 problem, 12.3 s.",
    ]);
  });

  it("says so when everything passed", () => {
    expect(formatReport([], [], 1)).toBe("\nEvery chart passed: 0 chart × environment pairs, 0 objects rendered, 0 validated by the API server, 0 problems, 1.0 s.");
  });
});
