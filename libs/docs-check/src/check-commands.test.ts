import { describe, expect, it } from "vitest";
import { checkCommands, type WorkspaceCommands } from "./check-commands";
import { extractCommands } from "./extract-commands";

const STACKS = new Set(["dev", "local", "production", "staging"]);
const pulumiTargets = () => new Map(["preview", "up", "refresh", "destroy", "plan"].map((target) => [target, STACKS] as const));
const WORKSPACE: WorkspaceCommands = {
  rootScripts: new Set(["plan", "test", "audit:cluster"]),
  workspaces: [{ name: "@platform/audit", path: "libs/audit", scripts: new Set(["test", "lint"]) }],
  nxProjects: new Map([
    ["degenquest", pulumiTargets()],
    ["@platform/audit", new Map([["test", new Set<string>()]])],
  ]),
};
const check = (markdown: string) => checkCommands(extractCommands(markdown, "docs/x.md"), WORKSPACE);

describe("checkCommands", () => {
  it("accepts scripts, workspace scripts, targets, configurations and placeholders that exist", () => {
    expect(
      check("`npm run plan -- --env dev` `npm test` `npm run -w libs/audit lint` `nx run degenquest:up:staging` `nx run <app>:preview:<env>` `nx run-many -t test` `npm run <script>`"),
    ).toEqual([]);
  });

  it("names the missing script and lists the ones that exist", () => {
    expect(check("`npm run deploy`")).toEqual([
      'docs/x.md:1: `npm run deploy`: the root package.json has no script "deploy"; it has: audit:cluster, plan, test',
    ]);
    expect(check("`npm run -w @platform/audit typecheck`")).toEqual([
      'docs/x.md:1: `npm run -w @platform/audit typecheck`: libs/audit/package.json has no script "typecheck"; it has: lint, test',
    ]);
    expect(check("`npm run -w libs/nope test`")).toEqual(['docs/x.md:1: `npm run -w libs/nope test`: no npm workspace "libs/nope"; there are: libs/audit']);
  });

  it("names a missing project, target or configuration with what exists", () => {
    expect(check("`nx run degen-quest:up:dev`")).toEqual([
      'docs/x.md:1: `nx run degen-quest:up:dev`: no Nx project "degen-quest"; there are: @platform/audit, degenquest',
    ]);
    expect(check("`nx run degenquest:deploy:dev`")).toEqual([
      'docs/x.md:1: `nx run degenquest:deploy:dev`: Nx project degenquest has no target "deploy"; it has: destroy, plan, preview, refresh, up',
    ]);
    expect(check("`nx run degenquest:up:prod`")).toEqual([
      'docs/x.md:1: `nx run degenquest:up:prod`: target degenquest:up has no configuration "prod"; it has: dev, local, production, staging',
    ]);
  });

  it("checks a target behind a placeholder project against every project", () => {
    expect(check("`nx run <app>:rollback:<env>` `nx run <app>:up:qa`")).toEqual([
      'docs/x.md:1: `nx run <app>:rollback:<env>`: no Nx project has a target "rollback"',
      'docs/x.md:1: `nx run <app>:up:qa`: no Nx project has configuration "qa" for target "up"',
    ]);
  });
});
