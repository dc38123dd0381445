import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { parseCodeowners, ruleFor } from "./codeowners";

const WORKSPACE_ROOT = resolve(__dirname, "../../..");

describe("parseCodeowners and ruleFor", () => {
  const rules = parseCodeowners(`# comment
*                      @degen/platform
/libs/                 @degen/platform   # shared code
/projects/degenquest/  @degen/degenquest
/docs/runbooks/degenquest-*.md @degen/platform @degen/degenquest
`);

  it("reads patterns and owners, skipping comments", () => {
    expect(rules.map((rule) => [rule.pattern, rule.owners, rule.line])).toEqual([
      ["*", ["@degen/platform"], 2],
      ["/libs/", ["@degen/platform"], 3],
      ["/projects/degenquest/", ["@degen/degenquest"], 4],
      ["/docs/runbooks/degenquest-*.md", ["@degen/platform", "@degen/degenquest"], 5],
    ]);
  });

  it("lets the last matching line decide, as GitHub does", () => {
    expect(ruleFor(rules, "projects/degenquest/src/program.ts")?.owners).toEqual(["@degen/degenquest"]);
    expect(ruleFor(rules, "docs/runbooks/degenquest-database-restore.md")?.owners).toEqual(["@degen/platform", "@degen/degenquest"]);
    expect(ruleFor(rules, "projects/pioneer-agent/")?.pattern).toBe("*");
  });
});

describe("the repository's CODEOWNERS", () => {
  const rules = parseCodeowners(readFileSync(join(WORKSPACE_ROOT, ".github/CODEOWNERS"), "utf8"));
  const folders = ["projects", "contracts", "libs"].flatMap((parent) =>
    readdirSync(join(WORKSPACE_ROOT, parent), { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => `${parent}/${entry.name}/`),
  );

  it("names an owning team for every folder under projects/, contracts/ and libs/, more specifically than the catch-all", () => {
    const unowned = folders.filter((folder) => {
      const rule = ruleFor(rules, folder);
      return !rule || rule.pattern === "*" || rule.owners.length === 0;
    });
    expect(unowned, "add a line to .github/CODEOWNERS naming the team that owns each of these").toEqual([]);
  });

  it("gives the base layers and shared libraries to the platform team and each app to its own team", () => {
    const owners = (path: string) => ruleFor(rules, path)?.owners;
    for (const path of ["projects/cluster-base/", "projects/networking/", "projects/observability/", "libs/config/", ".circleci/config.yml", "docs/architecture.md", "package.json", "nx.json"]) {
      expect(owners(path), path).toEqual(["@degen/platform"]);
    }
    expect(owners("projects/degenquest/Pulumi.production.yaml")).toEqual(["@degen/degenquest"]);
    expect(owners("projects/pioneer-agent/src/program.ts")).toEqual(["@degen/pioneer"]);
    // A contract is what readers build on: its producer's team changes it, with the platform team.
    expect(owners("contracts/cluster-base/src/index.ts")).toEqual(["@degen/platform"]);
    expect(owners("contracts/degenquest/src/index.ts")).toEqual(["@degen/degenquest", "@degen/platform"]);
    expect(owners("contracts/pioneer-agent/src/examples.ts")).toEqual(["@degen/pioneer", "@degen/platform"]);
  });
});
