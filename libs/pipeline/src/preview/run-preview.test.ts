import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readPreviewRun } from "./run-preview";

describe("readPreviewRun", () => {
  it("reads a successful run's changes", () => {
    const outcome = readPreviewRun({ code: 0, stdout: readFileSync(join(__dirname, "fixtures/app-update.dev.json"), "utf8"), stderr: "" }, "p");
    expect(outcome.ok && outcome.changes.counts).toEqual({ create: 1, update: 1, replace: 0, delete: 1, import: 0 });
  });

  it("says which policy stopped a run: the CLI's JSON says only \"preview failed\", the event log says why", () => {
    const stdout = readFileSync(join(__dirname, "fixtures/policy-failure.staging.json"), "utf8");
    const violation = 'container-resources (pioneer-agent-deployment): container "client" has no memory limit';
    const outcome = readPreviewRun({ code: 255, stdout, stderr: "ignored", policyViolations: [violation] }, "p");
    expect(outcome).toMatchObject({ ok: false, message: `${violation}\npreview failed` });
    expect(!outcome.ok && outcome.changes?.errors).toEqual([violation, "preview failed"]);
  });

  it("keeps the end of stderr and the parse problem when pulumi printed something that is not JSON", () => {
    const outcome = readPreviewRun({ code: 1, stdout: "panic: runtime error", stderr: "goroutine 1 [running]" }, "pulumi preview of x (dev)");
    expect(outcome).toEqual({
      ok: false,
      message: 'goroutine 1 [running]\npulumi preview of x (dev) is not the JSON of `pulumi preview --json`: it starts with "panic: runtime error"',
    });
  });

  it("names the exit code when a failed run printed nothing at all", () => {
    expect(readPreviewRun({ code: 137, stdout: "", stderr: "" }, "p")).toEqual({ ok: false, message: "pulumi exited with code 137" });
  });
});
