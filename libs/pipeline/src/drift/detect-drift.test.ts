import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { checkDrift } from "./detect-drift";

const fixture = (name: string) => readFileSync(join(__dirname, "../preview/fixtures", `${name}.json`), "utf8");

describe("checkDrift", () => {
  it("reads a stack as clean when the preview after the refresh plans nothing", async () => {
    const result = await checkDrift("dev", "networking", { refresh: async () => true, preview: async () => ({ code: 0, stdout: fixture("no-op.dev"), stderr: "" }) });
    expect(result).toEqual({ environment: "dev", project: "networking", status: "clean" });
  });

  it("reads planned changes as drift even though --expect-no-changes made pulumi exit non-zero", async () => {
    const result = await checkDrift("dev", "degenquest", {
      refresh: async () => true,
      preview: async () => ({ code: 255, stdout: fixture("app-update.dev"), stderr: "error: no changes were expected but changes were proposed" }),
    });
    expect(result.status).toBe("drifted");
    expect(result.status === "drifted" && result.changes.map((change) => change.name)).toEqual(["degenquest-deployment", "degenquest-pdb", "degenquest-legacy-env"]);
  });

  it("reports a failed refresh as an error and does not preview", async () => {
    let previewed = false;
    const result = await checkDrift("staging", "observability", {
      refresh: async () => false,
      preview: async () => {
        previewed = true;
        return { code: 0, stdout: "{}", stderr: "" };
      },
    });
    expect(result).toEqual({ environment: "staging", project: "observability", status: "error", message: "pulumi refresh failed (see the log above for nx run observability:refresh:staging)" });
    expect(previewed).toBe(false);
  });

  it("reports a preview that printed no JSON as an error with the end of its stderr", async () => {
    const result = await checkDrift("dev", "degenquest", {
      refresh: async () => true,
      preview: async () => ({ code: 255, stdout: "", stderr: "error: getting stack: 403 Forbidden" }),
    });
    expect(result.status).toBe("error");
    expect(result.status === "error" && result.message).toContain("error: getting stack: 403 Forbidden");
  });
});
