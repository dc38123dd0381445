import { resolve } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { checkCommands, type WorkspaceCommands } from "./check-commands";
import { commandsInDocuments, operationalDocuments } from "./documents";
import { loadWorkspaceCommands } from "./workspace-commands";

const WORKSPACE_ROOT = resolve(__dirname, "../../..");

describe("the commands in docs/ and the READMEs", () => {
  let workspace: WorkspaceCommands;
  // The real Nx project graph, computed once for every check below.
  beforeAll(() => {
    workspace = loadWorkspaceCommands(WORKSPACE_ROOT);
  });

  const documents = operationalDocuments(WORKSPACE_ROOT);
  const commands = commandsInDocuments(WORKSPACE_ROOT, documents);

  it("are read from the runbooks and the READMEs", () => {
    expect(documents).toEqual(expect.arrayContaining(["README.md", "docs/architecture.md", "docs/runbooks/rollback.md"]));
    expect(commands.filter((command) => command.kind === "nx-target").length).toBeGreaterThan(10);
    expect(commands.filter((command) => command.kind === "npm-script").length).toBeGreaterThan(5);
  });

  it("name only npm scripts, Nx projects, targets and configurations that exist", () => {
    expect(checkCommands(commands, workspace)).toEqual([]);
  });

  it("see the Pulumi projects' targets as Nx infers them", () => {
    expect([...(workspace.nxProjects.get("cluster-base")?.get("up") ?? [])].sort()).toEqual(["dev", "e2e", "local", "production", "staging"]);
  });
});
