import { evaluate } from "@marcbachmann/cel-js";
import { describe, expect, it } from "vitest";
import { admissionRules, BREAK_GLASS, CI_IMAGES, ciImagePattern, PIPELINE_ONLY, type AdmissionRule, type AdmissionRulesArgs } from "./admission-rules";

// The expressions evaluated on their own, with a CEL interpreter, in the order the API server
// evaluates them (match conditions, then variables, then validations). Which requests reach a
// policy at all (namespace selector, resource rules) and how the API server answers are shown on
// a real API server by the end-to-end run; these cover the identities and images it does not use.

const ARGS: AdmissionRulesArgs = {
  enforcement: "deny",
  registry: "registry.digitalocean.com/pioneer",
  trustedUsers: ["do-agent"],
  thirdPartyImages: [{ image: `docker.io/library/redis@sha256:${"a".repeat(64)}`, reason: "a cache the tests name" }],
};

const SHA = "0123456789abcdef0123456789abcdef01234567";
const DIGEST = `sha256:${"b".repeat(64)}`;

interface Request {
  readonly operation?: string;
  readonly username?: string;
  readonly groups?: readonly string[];
  readonly dryRun?: boolean;
  readonly object?: Record<string, unknown>;
}

type Outcome = { readonly applies: false } | { readonly applies: true; readonly passes: boolean; readonly message: string };

function rule(name: string, args: AdmissionRulesArgs = ARGS): AdmissionRule {
  const found = admissionRules(args).find((candidate) => candidate.name === name);
  if (!found) throw new Error(`no rule ${name}`);
  return found;
}

/** One policy's verdict on a request, as the API server would reach it once the request matched. */
function judge(policy: AdmissionRule, request: Request): Outcome {
  const object = request.object;
  const context: Record<string, unknown> = {
    request: {
      operation: request.operation ?? "UPDATE",
      userInfo: { username: request.username ?? "jane@example.com", groups: [...(request.groups ?? ["system:authenticated"])] },
      resource: { group: "", version: "v1", resource: object?.kind === "Pod" ? "pods" : "configmaps" },
      namespace: "degenquest",
      name: "game",
      ...(request.dryRun === undefined ? {} : { dryRun: request.dryRun }),
    },
    object: object ?? null,
  };
  for (const condition of policy.spec.matchConditions ?? []) {
    if (evaluate(condition.expression, context) !== true) return { applies: false };
  }
  const variables: Record<string, unknown> = {};
  for (const variable of policy.spec.variables ?? []) variables[variable.name] = evaluate(variable.expression, { ...context, variables });
  const [validation] = policy.spec.validations;
  const passes = evaluate(validation!.expression, { ...context, variables }) === true;
  return { applies: true, passes, message: passes ? "" : String(evaluate(validation!.messageExpression, { ...context, variables })) };
}

const pod = (spec: Record<string, unknown>) => ({ apiVersion: "v1", kind: "Pod", metadata: { name: "game" }, spec });
const containers = (...images: string[]) => images.map((image, i) => ({ name: `c${i}`, image }));

describe(PIPELINE_ONLY, () => {
  const policy = rule(PIPELINE_ONLY);

  it("refuses a person, naming the request, who made it and the way to change it", () => {
    expect(judge(policy, { username: "jane@example.com", groups: ["system:masters", "system:authenticated"] })).toEqual({
      applies: true,
      passes: false,
      message:
        "UPDATE of configmaps degenquest/game by jane@example.com: objects in the platform's namespaces change only through the " +
        "deploy pipeline. Change the stack in a pull request (docs/delivery.md); in an incident, use break-glass access " +
        "(docs/runbooks/break-glass.md).",
    });
  });

  it.each([
    ["the pipeline, by its group", "platform:deployer", ["platform:deployers", "system:authenticated"]],
    ["a controller's service account", "system:serviceaccount:kube-system:replicaset-controller", ["system:serviceaccounts", "system:serviceaccounts:kube-system"]],
    ["an operator's service account", "system:serviceaccount:cert-manager:cert-manager", ["system:serviceaccounts", "system:serviceaccounts:cert-manager"]],
    ["a kubelet", "system:node:pool-1-abc", ["system:nodes", "system:authenticated"]],
    ["the scheduler", "system:kube-scheduler", ["system:authenticated"]],
    ["the controller-manager", "system:kube-controller-manager", ["system:authenticated"]],
    ["the API server itself", "system:apiserver", ["system:masters"]],
    ["a trusted user of this cluster", "do-agent", ["system:authenticated"]],
    ["break-glass, which the break-glass policy warns on", "jane@example.com", ["platform:break-glass", "system:authenticated"]],
  ])("admits %s", (_what, username, groups) => {
    expect(judge(policy, { username, groups })).toMatchObject({ applies: true, passes: true });
  });

  it("does not take the deployer's user name without its group, nor a look-alike name", () => {
    expect(judge(policy, { username: "platform:deployer", groups: ["system:authenticated"] })).toMatchObject({ passes: false });
    expect(judge(policy, { username: "system:serviceaccount:x:y", groups: ["system:authenticated"] })).toMatchObject({ passes: false });
    expect(judge(policy, { username: "system:kube-scheduler-impostor", groups: ["system:authenticated"] })).toMatchObject({ passes: false });
  });

  it("leaves a person's server-side dry run alone: asking what a change would do changes nothing", () => {
    expect(judge(policy, { dryRun: true })).toEqual({ applies: false });
    expect(judge(policy, { dryRun: false })).toMatchObject({ applies: true, passes: false });
  });

  it("denies in deny mode and only warns where the environment warns", () => {
    expect(policy.validationActions).toEqual(["Deny"]);
    expect(rule(PIPELINE_ONLY, { ...ARGS, enforcement: "warn" }).validationActions).toEqual(["Warn"]);
  });
});

describe(BREAK_GLASS, () => {
  const policy = rule(BREAK_GLASS);

  it("warns on every change in the break-glass group, naming who made it", () => {
    expect(policy.validationActions).toEqual(["Warn"]);
    expect(judge(policy, { operation: "DELETE", username: "jane@example.com", groups: ["platform:break-glass"] })).toEqual({
      applies: true,
      passes: false,
      message:
        "break-glass: DELETE of configmaps degenquest/game by jane@example.com is outside the pipeline. Write it back into the " +
        "stack, or the next deploy reverts it (docs/runbooks/break-glass.md).",
    });
  });

  it("stays quiet for everyone else and for dry runs", () => {
    expect(judge(policy, { username: "jane@example.com" })).toMatchObject({ passes: true });
    expect(judge(policy, { username: "platform:deployer", groups: ["platform:deployers"] })).toMatchObject({ passes: true });
    expect(judge(policy, { groups: ["platform:break-glass"], dryRun: true })).toEqual({ applies: false });
  });
});

describe(CI_IMAGES, () => {
  const policy = rule(CI_IMAGES);
  const images = (spec: Record<string, unknown>) => judge(policy, { operation: "CREATE", object: pod(spec) });

  it.each([
    ["a commit-SHA tag", `registry.digitalocean.com/pioneer/degenquest:${SHA}`],
    ["a digest", `registry.digitalocean.com/pioneer/degenquest@${DIGEST}`],
    ["a commit-SHA tag with its digest", `registry.digitalocean.com/pioneer/degenquest:${SHA}@${DIGEST}`],
    ["a repository path with dashes and levels", `registry.digitalocean.com/pioneer/degenquest-backup-tools/v2:${SHA}`],
    ["a listed third-party image", `docker.io/library/redis@sha256:${"a".repeat(64)}`],
  ])("admits %s", (_what, image) => {
    expect(images({ containers: containers(image) })).toMatchObject({ passes: true });
  });

  it.each([
    ["a mutable tag", "registry.digitalocean.com/pioneer/degenquest:latest"],
    ["no tag at all", "registry.digitalocean.com/pioneer/degenquest"],
    ["a short SHA", `registry.digitalocean.com/pioneer/degenquest:${SHA.slice(0, 7)}`],
    ["an upper-case SHA", `registry.digitalocean.com/pioneer/degenquest:${SHA.toUpperCase()}`],
    ["another registry", `docker.io/pioneer/degenquest:${SHA}`],
    ["a look-alike registry host", `registry.digitalocean.com.evil.io/pioneer/degenquest:${SHA}`],
    ["another team of the same registry", `registry.digitalocean.com/pioneer-evil/degenquest:${SHA}`],
    ["a listed third-party repository at another digest", `docker.io/library/redis@sha256:${"c".repeat(64)}`],
    ["a listed third-party repository by tag", "docker.io/library/redis:7"],
  ])("refuses %s", (_what, image) => {
    expect(images({ containers: containers(image) })).toMatchObject({ passes: false });
  });

  it("checks init and ephemeral containers too, and names every image from outside CI", () => {
    const outcome = images({
      initContainers: containers("busybox:1.36"),
      containers: containers(`registry.digitalocean.com/pioneer/degenquest:${SHA}`),
      ephemeralContainers: containers("nicolaka/netshoot"),
    });
    expect(outcome).toEqual({
      applies: true,
      passes: false,
      message:
        "Pod degenquest/game runs images from outside CI: busybox:1.36, nicolaka/netshoot. Tenant images come from " +
        "registry.digitalocean.com/pioneer by 40-character commit-SHA tag or digest, built and promoted by CI " +
        "(npm run image:promote); a third-party image needs an entry, with its reason, in cluster-base's list.",
    });
  });

  it("reads the pod template of every kind of workload, a CronJob's two levels down", () => {
    const template = { template: { spec: { containers: containers("nginx:1.27") } } };
    for (const [kind, spec] of [
      ["Deployment", template],
      ["StatefulSet", template],
      ["Job", template],
      ["CronJob", { schedule: "@daily", jobTemplate: { spec: template } }],
    ] as const) {
      const outcome = judge(policy, { operation: "CREATE", object: { kind, metadata: { name: "game" }, spec } });
      expect(outcome, kind).toMatchObject({ passes: false, message: expect.stringContaining(`${kind} degenquest/game runs images from outside CI: nginx:1.27.`) });
    }
  });

  it("names a pod that has only a generated name by its prefix", () => {
    const object = { kind: "Pod", metadata: { generateName: "game-7d9f-" }, spec: { containers: containers("nginx") } };
    expect(judge(policy, { operation: "CREATE", object })).toMatchObject({ message: expect.stringContaining("Pod degenquest/game-7d9f- runs") });
  });

  it("escapes the registry, so its dots match only dots", () => {
    const pattern = ciImagePattern("registry.digitalocean.com/pioneer");
    expect(pattern.startsWith("^registry\\.digitalocean\\.com/pioneer/")).toBe(true);
    expect(new RegExp(pattern).test(`registryXdigitaloceanXcom/pioneer/app:${SHA}`)).toBe(false);
  });
});
