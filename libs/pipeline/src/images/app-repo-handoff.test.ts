import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { circleciConfigProblems } from "../ci/circleci-config";
import { PROMOTE_OPTIONS } from "../commands/image-promote";
import { WORKSPACE_ROOT } from "../workspace";
import { imageRepository } from "./image-tag";

const snippetPath = join(WORKSPACE_ROOT, "libs/pipeline/app-repo/circleci-config.yml");
const snippet = readFileSync(snippetPath, "utf8");
const config = parse(snippet) as {
  jobs: Record<string, { environment: Record<string, string>; steps: ({ run?: { command: string } } | string)[] }>;
};
const commands = (job: string) => config.jobs[job]!.steps.flatMap((step) => (typeof step === "object" && step.run ? [step.run.command] : []));
const scripts = Object.keys((JSON.parse(readFileSync(join(WORKSPACE_ROOT, "package.json"), "utf8")) as { scripts: object }).scripts);

describe("the job an application repository pastes in", () => {
  it("is printed verbatim in the README", () => {
    expect(readFileSync(join(WORKSPACE_ROOT, "libs/pipeline/README.md"), "utf8")).toContain(`\`\`\`yaml\n${snippet}\`\`\``);
  });

  it("is a sound CircleCI configuration, and the npm scripts it runs in the platform checkout exist here", () => {
    expect(circleciConfigProblems(parse(snippet), { npmScripts: scripts, pipelineCommands: [], fileExists: () => true })).toEqual([]);
  });

  it("builds for linux/amd64 explicitly and pushes the image tagged with the commit, to the platform's registry", () => {
    const build = commands("image").find((command) => command.includes("buildx build"))!;
    expect(build).toContain('docker buildx build --platform linux/amd64 --sbom=true --tag "$IMAGE:$CIRCLE_SHA1" --push .');
  });

  it("scans the pushed image with the platform's pinned Trivy and a read-only token, and records it only through the gate", () => {
    const steps = commands("record-tag");
    expect(steps).toContain("platform/libs/pipeline/scripts/install-trivy.sh");
    const scan = steps.find((command) => command.includes("trivy image --format json"))!;
    expect(scan).toContain('export TRIVY_USERNAME="$DIGITALOCEAN_REGISTRY_READ_TOKEN" TRIVY_PASSWORD="$DIGITALOCEAN_REGISTRY_READ_TOKEN"');
    expect(scan).toContain('trivy image --format json --output trivy.json "$IMAGE:$CIRCLE_SHA1"');
    expect(config.jobs["record-tag"]!.environment.IMAGE).toBe(config.jobs.image!.environment.IMAGE);
    const last = steps.at(-1)!.split("\n").map((line) => line.trim());
    expect(last.indexOf('npm run image:scan -- --app "$APP" --tag "$CIRCLE_SHA1" --report ../trivy.json')).toBe(1);
    expect(last.findIndex((line) => line.startsWith("npm run image:promote"))).toBe(2);
    const workflow = (config as unknown as { workflows: { image: { jobs: Record<string, { context: string[] }>[] } } }).workflows.image.jobs;
    expect(workflow.find((job) => "record-tag" in job)!["record-tag"]!.context).toEqual(["github-bot", "registry-read"]);
  });

  it("pushes each application image to the repository its stacks pull from, and records the same name", () => {
    const withApp = (value: string, app: string) => value.replaceAll("<< pipeline.parameters.app >>", app);
    expect((config as unknown as { parameters: { app: { default: string } } }).parameters.app.default).toBe("degenquest");
    for (const app of ["degenquest", "pioneer-agent"] as const) {
      expect(withApp(config.jobs.image!.environment.IMAGE!, app)).toBe(`registry.digitalocean.com/pioneer/${app}`);
      expect(imageRepository(app)).toBe(`registry.digitalocean.com/pioneer/${app}`);
      expect(withApp(config.jobs["record-tag"]!.environment.APP!, app)).toBe(app);
    }
  });

  it("records that same commit for dev through image:promote, with options the command accepts", () => {
    const promote = commands("record-tag").join("\n").split("\n").find((line) => line.includes("npm run image:promote"))!;
    expect(promote).toContain('--app "$APP" --env dev --tag "$CIRCLE_SHA1" --pull-request');
    const args = promote.split(" -- ")[1]!.split(/\s+/).map((arg) => arg.replace(/^"|"$/g, ""));
    expect(() => parseArgs({ args, options: PROMOTE_OPTIONS, allowPositionals: false, strict: true })).not.toThrow();
  });
});
