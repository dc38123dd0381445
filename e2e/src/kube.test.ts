import { describe, expect, it } from "vitest";
import { hasLabels, isReady, warningTexts } from "./kube";

describe("warningTexts", () => {
  it("reads each warning of a header the API server wrote, quotes and backslashes unescaped", () => {
    expect(warningTexts(undefined)).toEqual([]);
    expect(warningTexts('299 - "Validation failed for ValidatingAdmissionPolicy \'platform-break-glass\': break-glass: DELETE"')).toEqual([
      "Validation failed for ValidatingAdmissionPolicy 'platform-break-glass': break-glass: DELETE",
    ]);
    // Node joins repeated headers with ", ": the commas inside a text stay in it.
    expect(warningTexts('299 - "first, with a comma", 299 - "second \\"quoted\\" and \\\\"')).toEqual(["first, with a comma", 'second "quoted" and \\']);
    expect(warningTexts(['299 - "a"', '299 - "b"'])).toEqual(["a", "b"]);
  });
});

describe("hasLabels and isReady", () => {
  const pod = { metadata: { labels: { app: "web", tier: "front" } }, status: { conditions: [{ type: "Ready", status: "True" }] } };

  it("matches every label of the selector, and only then", () => {
    expect(hasLabels(pod, { app: "web" })).toBe(true);
    expect(hasLabels(pod, { app: "web", tier: "back" })).toBe(false);
    expect(hasLabels({ metadata: {} }, { app: "web" })).toBe(false);
  });

  it("is Ready only with the condition Ready=True", () => {
    expect(isReady(pod)).toBe(true);
    expect(isReady({ status: { conditions: [{ type: "Ready", status: "False" }] } })).toBe(false);
    expect(isReady({ status: {} })).toBe(false);
    expect(isReady(undefined)).toBe(false);
  });
});
