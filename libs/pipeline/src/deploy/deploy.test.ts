import { describe, expect, it } from "vitest";
import { parseAffected, type Affected } from "../affected";
import { chooseDeployBase } from "./deploy-base";
import { deployEnvironment, type DeployDependencies } from "./deploy-environment";
import { deployWaves } from "./deploy-waves";

/** What `delivery affected --json` prints for a change to cluster-base. */
const AFFECTED_JSON = JSON.stringify({
  environments: {
    dev: [
      { project: "cluster-base", stack: "dev", reason: "direct", dependsOn: [] },
      { project: "networking", stack: "dev", reason: "dependent", dependsOn: ["cluster-base"] },
      { project: "observability", stack: "dev", reason: "dependent", dependsOn: ["cluster-base", "networking"] },
      { project: "degenquest", stack: "dev", reason: "dependent", dependsOn: ["cluster-base", "networking", "observability"] },
      { project: "pioneer-agent", stack: "dev", reason: "dependent", dependsOn: ["cluster-base", "networking", "observability"] },
    ],
    staging: [{ project: "degenquest", stack: "staging", reason: "direct", dependsOn: [] }],
    production: [],
  },
  all: {
    dev: [
      { project: "cluster-base", stack: "dev", reason: "direct", dependsOn: [] },
      { project: "networking", stack: "dev", reason: "direct", dependsOn: ["cluster-base"] },
    ],
  },
});

const affected = parseAffected(AFFECTED_JSON, "delivery affected");

describe("deployWaves", () => {
  it("puts each stack after what it reads and independent apps in one wave", () => {
    expect(deployWaves(affected.environments.dev!)).toEqual([["cluster-base"], ["networking"], ["observability"], ["degenquest", "pioneer-agent"]]);
  });

  it("deploys an app alone when only the app changed", () => {
    expect(deployWaves(affected.environments.staging!)).toEqual([["degenquest"]]);
  });

  it("has no wave when nothing is affected", () => {
    expect(deployWaves([])).toEqual([]);
  });

  it("refuses a list where a stack waits for one that is not deployed", () => {
    expect(() => deployWaves([{ project: "degenquest", stack: "dev", reason: "dependent", dependsOn: ["networking"] }])).toThrow(
      "Cannot order the deployment:\n  - degenquest depends on networking, which is not in the list of stacks to deploy",
    );
  });

  it("refuses a cycle, naming the stacks in it", () => {
    expect(() =>
      deployWaves([
        { project: "a", stack: "dev", reason: "direct", dependsOn: ["b"] },
        { project: "b", stack: "dev", reason: "direct", dependsOn: ["a"] },
      ]),
    ).toThrow("Cannot order the deployment: a (waits for b), b (waits for a) form a cycle");
  });
});

/** A linear history c1 <- c2 <- c3 <- c4. */
const HISTORY = ["c1", "c2", "c3", "c4"];
const isAncestor = async (ancestor: string, descendant: string) => HISTORY.includes(ancestor) && HISTORY.includes(descendant) && HISTORY.indexOf(ancestor) <= HISTORY.indexOf(descendant);

describe("chooseDeployBase", () => {
  it("starts from the last deployed commit, carrying every undeployed change since", async () => {
    expect(await chooseDeployBase({ environment: "staging", head: "c4", deployed: "c2", isAncestor })).toEqual({ kind: "changes", base: "c2" });
  });

  it("deploys everything when nothing was ever recorded", async () => {
    expect(await chooseDeployBase({ environment: "dev", head: "c4", isAncestor })).toEqual({
      kind: "everything",
      reason: "no deployment of dev is recorded yet (no tag deployed/dev)",
    });
  });

  it("refuses to roll an environment back to an older commit approved late", async () => {
    expect(await chooseDeployBase({ environment: "production", head: "c2", deployed: "c4", isAncestor })).toEqual({
      kind: "nothing",
      reason: "production already runs c4, which is newer than c2 and includes it: deploying c2 would roll production back",
    });
  });

  it("does nothing when the environment already runs the head", async () => {
    expect((await chooseDeployBase({ environment: "dev", head: "c3", deployed: "c3", isAncestor })).kind).toBe("nothing");
  });

  it("deploys everything when the recorded commit left the history", async () => {
    const base = await chooseDeployBase({ environment: "dev", head: "c4", deployed: "orphan", isAncestor });
    expect(base).toEqual({ kind: "everything", reason: "the recorded deployment orphan is not in the history of c4 (rewritten history)" });
  });
});

function fakeDeps(overrides: Partial<DeployDependencies> & { marker?: string; failingWave?: string } = {}) {
  const calls: string[] = [];
  const deps: DeployDependencies = {
    affected: async (base, head): Promise<Affected> => {
      calls.push(`affected ${base}..${head}`);
      return affected;
    },
    isAncestor,
    deployWave: async (environment, projects) => {
      calls.push(`up ${environment} ${projects.join(",")}`);
      return !projects.includes(overrides.failingWave ?? "");
    },
    readMarker: async () => overrides.marker,
    writeMarker: async (environment, sha, exists) => void calls.push(`marker ${environment} -> ${sha} (${exists ? "move" : "create"})`),
    log: () => undefined,
    ...overrides,
  };
  return { deps, calls };
}

describe("deployEnvironment", () => {
  it("deploys the affected stacks wave by wave, then moves the marker", async () => {
    const { deps, calls } = fakeDeps({ marker: "c2" });
    const outcome = await deployEnvironment("dev", "c4", deps);
    expect(outcome.ok).toBe(true);
    expect(calls).toEqual([
      "affected c2..c4",
      "up dev cluster-base",
      "up dev networking",
      "up dev observability",
      "up dev degenquest,pioneer-agent",
      "marker dev -> c4 (move)",
    ]);
  });

  it("stops at the first failed wave and leaves the marker where it was", async () => {
    const { deps, calls } = fakeDeps({ marker: "c2", failingWave: "networking" });
    const outcome = await deployEnvironment("dev", "c4", deps);
    expect(outcome).toMatchObject({ ok: false, deployedWaves: 2 });
    expect(calls).toEqual(["affected c2..c4", "up dev cluster-base", "up dev networking"]);
  });

  it("deploys every stack of the environment on the first release and creates the marker", async () => {
    const { deps, calls } = fakeDeps();
    await deployEnvironment("dev", "c4", deps);
    expect(calls).toEqual(["affected c4..c4", "up dev cluster-base", "up dev networking", "marker dev -> c4 (create)"]);
  });

  it("moves the marker without deploying anything when no stack of the environment is affected", async () => {
    const { deps, calls } = fakeDeps({ marker: "c3" });
    await deployEnvironment("production", "c4", deps);
    expect(calls).toEqual(["affected c3..c4", "marker production -> c4 (move)"]);
  });

  it("touches nothing when the environment already runs a newer commit", async () => {
    const { deps, calls } = fakeDeps({ marker: "c4" });
    expect((await deployEnvironment("staging", "c3", deps)).base.kind).toBe("nothing");
    expect(calls).toEqual([]);
  });
});
