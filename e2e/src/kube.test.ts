import { describe, expect, it } from "vitest";
import { warningTexts } from "./kube";

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
