import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { EnvironmentPreview } from "./model";
import { collectCommentInput } from "./collect";

function write(root: string, path: string, value: unknown): void {
  mkdirSync(join(root, path, ".."), { recursive: true });
  writeFileSync(join(root, path), typeof value === "string" ? value : JSON.stringify(value));
}

const plan = (outputs: Record<string, unknown>) => ({ project: "cluster-base", stack: "dev", resources: [], outputs, stackReferences: [], invokes: [] });

describe("collectCommentInput", () => {
  it("reads each environment's previews, the commits, and the outputs diff of the two offline plans", () => {
    const root = mkdtempSync(join(tmpdir(), "comment-"));
    const dev: EnvironmentPreview = { environment: "dev", stacks: [] };
    write(root, "previews/dev.json", dev);
    write(root, "plans/commits.json", { base: "b".repeat(40), head: "h".repeat(40), headPlanOk: true });
    write(root, "plans/base/dev/cluster-base.json", plan({ registryServer: "registry.digitalocean.com/pioneer" }));
    write(root, "plans/head/dev/cluster-base.json", plan({ registryServer: "registry.digitalocean.com/degen" }));

    const input = collectCommentInput(join(root, "previews"), join(root, "plans"), "https://circleci.com/job/1#artifacts");
    expect(input.base).toBe("b".repeat(40));
    expect(input.head).toBe("h".repeat(40));
    expect(input.environments).toEqual([
      dev,
      { environment: "staging", stacks: [], skipped: "its preview job left no result (staging.json); see that job's log" },
      { environment: "production", stacks: [], skipped: "its preview job left no result (production.json); see that job's log" },
    ]);
    expect(input.outputsChanges).toEqual([{ environment: "dev", project: "cluster-base", added: [], removed: [], changed: ["registryServer"] }]);
    expect(input.outputsNotCompared).toBeUndefined();
    expect(input.reportUrl).toBe("https://circleci.com/job/1#artifacts");
  });

  it("says why the outputs were not compared when the base could not be planned", () => {
    const root = mkdtempSync(join(tmpdir(), "comment-"));
    write(root, "plans/head/dev/cluster-base.json", plan({}));
    write(root, "plans/base-unavailable.txt", "npm ci failed at the base commit 1234567\n");
    expect(collectCommentInput(join(root, "previews"), join(root, "plans")).outputsNotCompared).toBe("npm ci failed at the base commit 1234567");
  });

  it("says the head's plan is missing when the offline-plan job left nothing", () => {
    const root = mkdtempSync(join(tmpdir(), "comment-"));
    expect(collectCommentInput(join(root, "previews"), join(root, "plans")).outputsNotCompared).toBe(
      "the offline plan of the head wrote no plan (see the offline-plan job)",
    );
  });
});
