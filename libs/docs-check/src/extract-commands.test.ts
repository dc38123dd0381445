import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { extractCommands } from "./extract-commands";

const RUNBOOK = readFileSync(join(__dirname, "../fixtures/runbook.md"), "utf8");
const brief = (markdown: string) =>
  extractCommands(markdown, "doc.md").map((command) =>
    command.kind === "npm-script"
      ? `npm ${command.workspace ?? "(root)"} ${command.script} @${command.at.line}`
      : `nx ${command.project}:${command.target}${command.configuration ? `:${command.configuration}` : ""} @${command.at.line}`,
  );

describe("extractCommands", () => {
  it("finds every npm script and Nx target in the code of a runbook, with its line", () => {
    expect(brief(RUNBOOK)).toEqual([
      "nx degenquest:preview:production @5",
      "nx degenquest:up:production @8",
      "npm (root) plan @9",
      "npm @platform/audit test @10",
      "npm (root) test @10",
      "nx networking:preview:staging @11",
      "nx <any>:lint @12",
      "nx <any>:typecheck @12",
      "nx <app>:up:<env> @14",
      "npm (root) audit:cluster @20",
      "npm libs/audit test @23",
    ]);
  });

  it("ignores prose, Nx's own commands, npm commands that are not scripts, and arguments after --", () => {
    expect(brief("Run nx run a:b in prose.\n\n`npx nx show projects` `npm ci` `npm install` `nx reset`")).toEqual([]);
    expect(brief("`npm run plan -- --project up`")).toEqual(["npm (root) plan @1"]);
  });

  it("reads the configuration from --configuration= and -c as well as from the run spec", () => {
    expect(brief("`nx run cluster-base:up --configuration=staging` `nx up cluster-base -c dev`")).toEqual([
      "nx cluster-base:up:staging @1",
      "nx cluster-base:up:dev @1",
    ]);
  });

  it("takes a project that the same block generates as existing, and only in that block", () => {
    const markdown = "```sh\nnpx nx g @platform/nx-pulumi:app arcade --port 8080\nnpx nx run arcade:test\n```\n\n`nx run arcade:up:dev`";
    expect(brief(markdown)).toEqual(["nx arcade:up:dev @6"]);
  });

  it("keeps the text of the command for messages", () => {
    const [command] = extractCommands("```\nnpx nx run degenquest:up:production # deploys\n```", "docs/rollback.md");
    expect(command?.at).toEqual({ file: "docs/rollback.md", line: 2, text: "nx run degenquest:up:production" });
  });
});
