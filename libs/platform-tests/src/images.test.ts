import { readFileSync } from "node:fs";
import { join } from "node:path";
import { PLATFORM_IMAGES, type PlatformImageName } from "@platform/config";
import { imageRepository, REGISTRY } from "@platform/pipeline";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { WORKSPACE_ROOT } from "./global-setup";
import { planFile } from "./plans";

type Container = { image?: string };
type PodSpec = { containers?: Container[]; initContainers?: Container[] };

/** Every image a stack's workloads pull: Deployments, StatefulSets and CronJobs. */
function pulledImages(env: string, project: string): string[] {
  return planFile(env, project).resources.flatMap((resource) => {
    const spec = resource.inputs.spec as { template?: { spec?: PodSpec }; jobTemplate?: { spec?: { template?: { spec?: PodSpec } } } } | undefined;
    const pod = spec?.template?.spec ?? spec?.jobTemplate?.spec?.template?.spec;
    return [...(pod?.containers ?? []), ...(pod?.initContainers ?? [])].map((container) => container.image ?? "");
  });
}

const withoutTag = (image: string) => image.replace(/[:@][^/]*$/, "");

/** Repositories CircleCI pushes to: each application repository's image job, and this repository's jobs. */
function pushedRepositories(): Map<string, string> {
  const pushed = new Map<string, string>();
  const appRepo = parse(readFileSync(join(WORKSPACE_ROOT, "libs/pipeline/app-repo/circleci-config.yml"), "utf8")) as {
    jobs: Record<string, { environment?: Record<string, string> }>;
  };
  // Each application repository pastes that job with its own image name as the app parameter.
  for (const app of ["degenquest", "pioneer-agent"]) {
    pushed.set(appRepo.jobs.image!.environment!.IMAGE!.replaceAll("<< pipeline.parameters.app >>", app), `the image job of ${app}'s repository`);
  }
  const platform = parse(readFileSync(join(WORKSPACE_ROOT, ".circleci/config.yml"), "utf8")) as { jobs: Record<string, { environment?: Record<string, string> }> };
  for (const [job, definition] of Object.entries(platform.jobs)) {
    const image = definition.environment?.IMAGE;
    if (image) pushed.set(image, `job ${job} of .circleci/config.yml`);
  }
  return pushed;
}

describe("platform images", () => {
  const environments = ["dev", "staging", "production"];
  const fromRegistry = environments.flatMap((env) =>
    ["degenquest", "pioneer-agent"].flatMap((project) => pulledImages(env, project).filter((image) => image.startsWith(`${REGISTRY}/`)).map((image) => ({ env, project, image }))),
  );

  it("pulls from the platform registry only images of the catalogue, each from its own repository", () => {
    const catalogue = new Set(Object.keys(PLATFORM_IMAGES).map((name) => imageRepository(name as PlatformImageName)));
    expect(fromRegistry.length).toBeGreaterThan(0);
    for (const { env, project, image } of fromRegistry) expect(catalogue, `${project}/${env} pulls ${image}`).toContain(withoutTag(image));
    expect(new Set(fromRegistry.map(({ image }) => withoutTag(image)))).toEqual(
      new Set([imageRepository("degenquest"), imageRepository("pioneer-agent"), imageRepository("degenquest-backup-tools")]),
    );
  });

  it("pulls no image that CI does not push", () => {
    const pushed = pushedRepositories();
    const missing = [...new Set(fromRegistry.map(({ image }) => withoutTag(image)))].filter((repository) => !pushed.has(repository));
    expect(missing, `pushed: ${[...pushed.keys()].join(", ")}`).toEqual([]);
  });
});
