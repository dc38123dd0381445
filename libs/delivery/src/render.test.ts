import { describe, expect, it } from "vitest";
import { renderAffected, renderWaves } from "./render";

describe("the readable report", () => {
  it("shows each environment's stacks against all, with reason and what they wait for", () => {
    const stack = (project: string, reason: "direct" | "dependent", dependsOn: string[]) => ({ project, stack: "dev", reason, dependsOn });
    const text = renderAffected(
      {
        environments: { dev: [stack("cluster-base", "direct", []), stack("networking", "dependent", ["cluster-base"])], staging: [] },
        all: { dev: [stack("cluster-base", "direct", []), stack("networking", "direct", []), stack("degenquest", "direct", [])], staging: [] },
      },
      [
        { kind: "project", file: "projects/cluster-base/src/program.ts", project: "cluster-base" },
        { kind: "none", file: "README.md", why: "documentation" },
      ],
    );
    expect(text).toBe(
      [
        "2 changed file(s), 1 of which cannot change a stack.",
        "",
        "dev: 2 of 3 stack(s)",
        "  project       reason     after",
        "  cluster-base  direct     -",
        "  networking    dependent  cluster-base",
        "",
        "staging: 0 of 0 stack(s)",
      ].join("\n"),
    );
  });

  it("numbers the waves of each environment", () => {
    expect(renderWaves({ dev: [["cluster-base"], ["degenquest", "pioneer-agent"]] })).toBe(
      "dev:\n  wave 1: cluster-base\n  wave 2: degenquest, pioneer-agent",
    );
  });
});
