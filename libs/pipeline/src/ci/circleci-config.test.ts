import { accessSync, constants, existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { COMMANDS } from "../commands/registry";
import { WORKSPACE_ROOT } from "../workspace";
import { circleciConfigProblems, type RepositoryFacts } from "./circleci-config";

const configText = readFileSync(join(WORKSPACE_ROOT, ".circleci/config.yml"), "utf8");
interface JobArgs {
  readonly name?: string;
  readonly type?: string;
  readonly requires?: readonly unknown[];
  readonly context?: string | readonly string[];
  readonly environment?: string;
  readonly "serial-group"?: string;
}
interface Config {
  readonly jobs: Record<string, { readonly steps: readonly unknown[] }>;
  readonly workflows: Record<string, { readonly jobs: readonly unknown[] }>;
}

const config = parse(configText) as Config & Record<string, unknown>;
const packageJson = JSON.parse(readFileSync(join(WORKSPACE_ROOT, "package.json"), "utf8")) as { scripts: Record<string, string> };

const facts: RepositoryFacts = {
  npmScripts: Object.keys(packageJson.scripts),
  pipelineCommands: Object.keys(COMMANDS),
  fileExists: (path, executable) => {
    const absolute = join(WORKSPACE_ROOT, path);
    if (!existsSync(absolute)) return false;
    if (!executable) return true;
    try {
      accessSync(absolute, constants.X_OK);
      return true;
    } catch {
      return false;
    }
  },
};

/** The jobs of a workflow by their shown name, with their arguments. */
function workflowJobs(workflow: string): Map<string, { job: string; args: JobArgs }> {
  return new Map(
    config.workflows[workflow]!.jobs.map((entry) => {
      const [job, args] = typeof entry === "string" ? [entry, {}] : (Object.entries(entry as object)[0] as [string, JobArgs]);
      return [args.name ?? job, { job, args }];
    }),
  );
}

const requiresOf = (args: JobArgs): string[] => (args.requires ?? []).map((entry) => (typeof entry === "string" ? entry : Object.keys(entry as object)[0]!));

describe(".circleci/config.yml", () => {
  it("references only defined jobs, commands, executors and orbs, and only scripts and files that exist", () => {
    expect(circleciConfigProblems(config, facts)).toEqual([]);
  });

  it("deploys one commit through dev, an approval, staging, an approval and production, each after the previous", () => {
    const release = workflowJobs("release");
    // Nothing reaches dev before the tests and the end-to-end run on the real engine pass.
    expect(requiresOf(release.get("deploy-dev")!.args)).toEqual(["verify", "e2e"]);
    expect(release.get("hold-staging")!.args.type).toBe("approval");
    expect(requiresOf(release.get("hold-staging")!.args)).toEqual(["deploy-dev"]);
    expect(requiresOf(release.get("deploy-staging")!.args)).toEqual(["hold-staging"]);
    expect(release.get("hold-production")!.args.type).toBe("approval");
    expect(requiresOf(release.get("hold-production")!.args)).toEqual(["deploy-staging"]);
    expect(requiresOf(release.get("deploy-production")!.args)).toEqual(["hold-production"]);
    const run = config.jobs.deploy!.steps.find((step): step is { run: { command: string } } => typeof step === "object" && step !== null && "run" in step);
    expect(run?.run.command).toContain("--commit << pipeline.git.revision >>");
  });

  it("serialises every deployment and nightly refresh of one environment in one group, and no two environments together", () => {
    const groups = (workflow: string) =>
      Object.fromEntries([...workflowJobs(workflow)].filter(([, { args }]) => args["serial-group"]).map(([name, { args }]) => [name, args["serial-group"]]));
    expect(groups("release")).toEqual({
      "deploy-dev": "<< pipeline.project.slug >>/environment-dev",
      "deploy-staging": "<< pipeline.project.slug >>/environment-staging",
      "deploy-production": "<< pipeline.project.slug >>/environment-production",
    });
    expect(groups("nightly")).toEqual({
      "drift-dev": "<< pipeline.project.slug >>/environment-dev",
      "drift-staging": "<< pipeline.project.slug >>/environment-staging",
      "drift-production": "<< pipeline.project.slug >>/environment-production",
    });
  });

  it("takes secrets only from the platform's contexts and holds none itself", () => {
    const contexts = new Set(
      Object.keys(config.workflows).flatMap((workflow) => [...workflowJobs(workflow).values()].flatMap(({ args }) => ([] as string[]).concat(args.context ?? []))),
    );
    expect([...contexts].sort()).toEqual(["digitalocean", "github-bot", "pulumi-state", "registry-push"]);
    // The registry's push token reaches only the job that builds the backup tools image.
    const pushing = Object.keys(config.workflows).flatMap((workflow) =>
      [...workflowJobs(workflow)].filter(([, { args }]) => ([] as string[]).concat(args.context ?? []).includes("registry-push")).map(([name]) => name),
    );
    expect(pushing).toEqual(["backup-tools-image"]);
    expect(configText).not.toMatch(/(TOKEN|SECRET|PASSWORD|PASSPHRASE|ACCESS_KEY)\s*:/);
  });

  it("scans the backup tools image it pushed, gates on the report, and records the tag for dev only after the gate passes", () => {
    const steps = config.jobs["backup-tools-image"]!.steps;
    const runs = steps.flatMap((step) => (typeof step === "object" && step && "run" in step ? [String((step as { run: { command: string } }).run.command)] : []));
    expect(runs.find((command) => command.includes("buildx build"))).toContain('--sbom=true --tag "$IMAGE:$TAG" --push');
    expect(steps).toContainEqual({ "scan-image": { image: "$IMAGE:$TAG" } });
    const record = runs.find((command) => command.includes("image:promote"))!.split("\n").map((line) => line.trim());
    const [scan, promote] = [record.findIndex((line) => line.startsWith("npm run image:scan")), record.findIndex((line) => line.startsWith("npm run image:promote"))];
    expect(record[scan]).toBe('npm run image:scan -- --app degenquest-backup-tools --tag "$TAG" --report trivy.json');
    // A failing gate exits 1 and CircleCI stops the step there: no pull request for an image that failed.
    expect(scan).toBeGreaterThanOrEqual(0);
    expect(scan).toBeLessThan(promote);

    const scanImage = (config.commands as Record<string, { steps: unknown[] }>)["scan-image"]!.steps;
    const scanRun = JSON.stringify(scanImage);
    expect(scanRun).toContain("libs/pipeline/scripts/install-trivy.sh");
    expect(scanRun).toContain('trivy image --format json --output trivy.json \\"<< parameters.image >>\\"');
    expect(scanImage).toContainEqual({ restore_cache: { keys: ["trivy-db-v1-"] } });
    expect(scanImage).toContainEqual({ save_cache: { key: "trivy-db-v1-{{ epoch }}", paths: ["~/.cache/trivy"] } });
    expect(scanImage).toContainEqual({ store_artifacts: { path: "sbom.cdx.json" } });
  });

  it("comments on the pull request once every preview and the offline plan have finished, whatever their outcome", () => {
    const comment = workflowJobs("pull-request").get("preview-comment")!.args;
    expect(comment.requires).toEqual([{ "offline-plan": "terminal" }, { "preview-dev": "terminal" }, { "preview-staging": "terminal" }, { "preview-production": "terminal" }]);
  });

  it("runs the offline plan of a pull request without any context, so forks get it", () => {
    expect(workflowJobs("pull-request").get("offline-plan")!.args.context).toBeUndefined();
    expect(workflowJobs("pull-request").get("checks")!.args.context).toBeUndefined();
  });

  it("runs drift detection and the cluster audit for every environment in the nightly workflow", () => {
    const nightly = [...workflowJobs("nightly")].map(([name, { job, args }]) => `${job}:${args.environment} as ${name}`);
    expect(nightly.sort()).toEqual([
      "audit:dev as audit-dev", "audit:production as audit-production", "audit:staging as audit-staging",
      "drift:dev as drift-dev", "drift:production as drift-production", "drift:staging as drift-staging",
    ]);
  });
});

describe("circleciConfigProblems", () => {
  const minimal = (workflowJobs: unknown[], extra: Record<string, unknown> = {}) => ({
    version: 2.1,
    executors: { node: { docker: [{ image: "cimg/node:20.19" }] } },
    jobs: { test: { executor: "node", steps: ["checkout", { run: "npm test" }] } },
    workflows: { main: { jobs: workflowJobs } },
    ...extra,
  });

  it("finds a workflow job that does not exist and a requirement outside the workflow", () => {
    expect(circleciConfigProblems(minimal(["test", { deploy: { requires: ["tests"] } }]), facts)).toEqual([
      "workflow main, job deploy: there is no job deploy under jobs",
      "workflow main, job deploy: requires tests, which is not a job of workflow main",
    ]);
  });

  it("finds an unknown job status in requires", () => {
    expect(circleciConfigProblems(minimal(["test", { hold: { type: "approval", requires: [{ test: "done" }] } }]), facts)).toEqual([
      "workflow main, job hold: requires test to be done, which is not a job status",
    ]);
  });

  it("finds undefined commands, executors and orbs", () => {
    const config = minimal(["test"], { jobs: { test: { executor: "big", steps: ["install", "node/install-packages"] } } });
    expect(circleciConfigProblems(config, facts)).toEqual([
      "job test: executor big is not defined",
      "job test: step install is neither a built-in step nor a command defined under commands",
      "job test: step node/install-packages uses orb node, which is not declared under orbs",
    ]);
  });

  it("finds npm scripts, pipeline commands and files that are not in the repository", () => {
    const config = minimal(["test"], {
      jobs: {
        test: {
          executor: "node",
          steps: [{ run: "npm run deploy-all" }, { run: { command: "npm run pipeline -- promote --env dev" } }, { run: "libs/pipeline/scripts/missing.sh" }],
        },
      },
    });
    expect(circleciConfigProblems(config, facts)).toEqual([
      "job test: npm run deploy-all is not a script of package.json",
      "job test: npm run pipeline -- promote is not a pipeline command",
      "job test: libs/pipeline/scripts/missing.sh is not an executable file in the repository",
    ]);
  });

  it("finds a parameter outside its enum and a missing required parameter", () => {
    const config = minimal([{ deploy: { environment: "qa" } }, "deploy"], {
      jobs: { deploy: { executor: "node", parameters: { environment: { type: "enum", enum: ["dev", "staging"] } }, steps: ["checkout"] } },
    });
    expect(circleciConfigProblems(config, facts)).toEqual([
      'workflow main, job deploy: environment is "qa", not one of dev, staging',
      "workflow main, job deploy: job deploy needs the parameter environment",
    ]);
  });
});
