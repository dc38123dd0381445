import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { EdgeConfig } from "./config";
import { configCommands, edgeTransitionProblems, migrationState, nextEdge } from "./edge-migration";
import { edgeAtRevision, edgeInWorkingTree, edgeOfStackFile } from "./edge-stack-files";

const NGINX: EdgeConfig = { primary: "ingress-nginx", alsoServe: [] };
const BOTH_DNS_ON_NGINX: EdgeConfig = { primary: "ingress-nginx", alsoServe: ["gateway"] };
const BOTH_DNS_ON_GATEWAY: EdgeConfig = { primary: "gateway", alsoServe: ["ingress-nginx"] };
const GATEWAY: EdgeConfig = { primary: "gateway", alsoServe: [] };

/** Every state from `start`, following nextEdge toward `target`. */
function walk(start: EdgeConfig, target: EdgeConfig["primary"]): EdgeConfig[] {
  const states = [start];
  for (let next = nextEdge(start, target); next; next = nextEdge(next, target)) states.push(next);
  return states;
}

describe("the edge migration sequence", () => {
  it("goes from ingress-nginx to the gateway in three steps, each of them safe", () => {
    const states = walk(NGINX, "gateway");
    expect(states).toEqual([NGINX, BOTH_DNS_ON_NGINX, BOTH_DNS_ON_GATEWAY, GATEWAY]);
    expect(states.map(migrationState)).toEqual(["ingress-nginx", "serving both, DNS on ingress-nginx", "serving both, DNS on the gateway", "gateway"]);
    for (let step = 1; step < states.length; step++) expect(edgeTransitionProblems(states[step - 1]!, states[step]!), `step ${step}`).toEqual([]);
  });

  it("rolls back each step by the step before it, and the whole way back to ingress-nginx", () => {
    const forward = walk(NGINX, "gateway");
    for (let step = 1; step < forward.length; step++) expect(edgeTransitionProblems(forward[step]!, forward[step - 1]!), `undo step ${step}`).toEqual([]);
    expect(walk(GATEWAY, "ingress-nginx")).toEqual([GATEWAY, BOTH_DNS_ON_GATEWAY, BOTH_DNS_ON_NGINX, NGINX]);
  });

  it("refuses moving DNS to an edge that does not serve yet, and off one that stops in the same change", () => {
    expect(edgeTransitionProblems(NGINX, GATEWAY)).toEqual([
      "networking:edge.primary moves DNS to gateway, which does not serve the hosts yet: first add it to networking:edge.alsoServe and deploy, so both edges serve them",
      "networking:edge.primary moves DNS off ingress-nginx in the same change that stops it serving: keep it in networking:edge.alsoServe until resolvers' cached answers (the DNS TTL) and open connections have left it",
    ]);
    expect(edgeTransitionProblems(NGINX, BOTH_DNS_ON_GATEWAY)).toEqual([expect.stringContaining("moves DNS to gateway, which does not serve the hosts yet")]);
    expect(edgeTransitionProblems(BOTH_DNS_ON_NGINX, GATEWAY)).toEqual([expect.stringContaining("moves DNS off ingress-nginx in the same change")]);
    // Retiring the edge DNS left in an earlier step, or adding one, is a step of its own.
    expect(edgeTransitionProblems(BOTH_DNS_ON_GATEWAY, GATEWAY)).toEqual([]);
    expect(edgeTransitionProblems(GATEWAY, GATEWAY)).toEqual([]);
  });

  it("names the pulumi config commands of a step", () => {
    expect(configCommands("production", BOTH_DNS_ON_NGINX)).toEqual([
      "pulumi config set --path networking:edge.primary ingress-nginx --stack production",
      "pulumi config set --path 'networking:edge.alsoServe[0]' gateway --stack production",
    ]);
    expect(configCommands("production", GATEWAY)).toEqual([
      "pulumi config set --path networking:edge.primary gateway --stack production",
      "pulumi config rm --path networking:edge.alsoServe --stack production",
    ]);
  });
});

describe("networking:edge in stack files", () => {
  const repo = mkdtempSync(join(tmpdir(), "edge-migration-"));
  const dir = join(repo, "projects", "networking");
  const git = (...args: string[]) => execFileSync("git", args, { cwd: repo, encoding: "utf8" }).trim();
  const commit = (edge: string, message: string) => {
    writeFileSync(join(dir, "Pulumi.production.yaml"), `config:\n  networking:domain: degenquest.gg\n${edge}`);
    git("add", ".");
    git("-c", "user.name=test", "-c", "user.email=test@example.com", "commit", "-qm", message);
    return git("rev-parse", "HEAD");
  };
  mkdirSync(dir, { recursive: true });
  git("init", "-q");
  afterAll(() => rmSync(repo, { recursive: true, force: true }));

  it("reads each revision's edge with the environment's defaults, and the working tree's", () => {
    const explicitNginx = commit("  networking:edge:\n    primary: ingress-nginx\n", "ingress-nginx");
    const both = commit("  networking:edge:\n    primary: ingress-nginx\n    alsoServe: [gateway]\n", "serve both");
    const defaulted = commit("", "production's default");
    expect(edgeAtRevision(explicitNginx, "production", dir)).toEqual(NGINX);
    expect(edgeAtRevision(both, "production", dir)).toEqual(BOTH_DNS_ON_NGINX);
    expect(edgeAtRevision(defaulted, "production", dir)).toEqual(GATEWAY);
    expect(edgeInWorkingTree("production", dir)).toEqual(GATEWAY);
    // The default after "serve both" moves DNS and retires ingress-nginx at once: the check refuses it.
    expect(edgeTransitionProblems(edgeAtRevision(both, "production", dir)!, edgeInWorkingTree("production", dir))).toHaveLength(1);
    expect(edgeAtRevision(explicitNginx, "staging", dir)).toBeUndefined();
  });

  it("names the file and the key of a bad value", () => {
    expect(() => edgeOfStackFile("config:\n  networking:edge:\n    primary: nginx\n", "production", "Pulumi.production.yaml")).toThrow(
      /^Pulumi\.production\.yaml: networking:edge\.primary: .*"gateway".*"ingress-nginx"/,
    );
  });
});
