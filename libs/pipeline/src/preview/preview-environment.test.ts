import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { AffectedStack } from "../affected";
import type { EnvironmentPreview } from "../comment/model";
import { previewEnvironment } from "./preview-environment";

const fixture = (name: string) => readFileSync(join(__dirname, "fixtures", `${name}.json`), "utf8");

const stacks: AffectedStack[] = [
  { project: "networking", stack: "dev", reason: "direct", dependsOn: [] },
  { project: "degenquest", stack: "dev", reason: "dependent", dependsOn: ["networking"] },
  { project: "pioneer-agent", stack: "dev", reason: "dependent", dependsOn: ["networking"] },
];

describe("previewEnvironment", () => {
  it("previews in dependency order, keeps every raw preview and writes the summary the comment reads", async () => {
    const out = mkdtempSync(join(tmpdir(), "previews-"));
    const order: string[] = [];
    const violation = 'container-resources (pioneer-agent-deployment): container "client" has no memory limit';
    const answers: Record<string, { code: number; stdout: string; stderr: string; policyViolations?: string[] }> = {
      networking: { code: 0, stdout: fixture("no-op.dev"), stderr: "" },
      degenquest: { code: 0, stdout: fixture("app-update.dev"), stderr: "" },
      "pioneer-agent": { code: 255, stdout: fixture("policy-failure.staging"), stderr: "error: preview failed", policyViolations: [violation] },
    };
    const preview = await previewEnvironment("dev", stacks, async (project) => (order.push(project), answers[project]!), out, () => undefined);

    expect(order).toEqual(["networking", "degenquest", "pioneer-agent"]);
    expect(existsSync(join(out, "dev", "degenquest.json"))).toBe(true);
    const written = JSON.parse(readFileSync(join(out, "dev.json"), "utf8")) as EnvironmentPreview;
    expect(written).toEqual(preview);
    expect(written.stacks.map((stack) => [stack.project, stack.reason, stack.result.status])).toEqual([
      ["networking", "direct", "previewed"],
      ["degenquest", "dependent", "previewed"],
      ["pioneer-agent", "dependent", "failed"],
    ]);
    const failed = written.stacks[2]!.result;
    expect(failed.status === "failed" && failed.message).toBe(`${violation}\npreview failed`);
  });
});

describe("previewEnvironment on a new project", () => {
  it("tells how to create a stack that does not exist yet", async () => {
    const out = mkdtempSync(join(tmpdir(), "previews-"));
    const stack: AffectedStack = { project: "degenquest", stack: "staging", reason: "direct", dependsOn: [] };
    const result = await previewEnvironment("staging", [stack], async () => ({ code: 255, stdout: "", stderr: "error: no stack named 'staging' found" }), out, () => undefined);
    const outcome = result.stacks[0]!.result;
    expect(outcome.status === "failed" && outcome.message).toBe(
      "error: no stack named 'staging' found\n" +
        "The stack does not exist yet: create it once with `pulumi stack init staging` in the degenquest project's folder (see the root README).",
    );
  });
});
