/**
 * Every image that CI builds for the platform, by name: the repository in the platform registry
 * that CI pushes it to and the stacks pull it from, the stack-file key that records the tag each
 * environment runs, and who builds it. One source for the programs, the image pipeline and its
 * promotion command, so a pushed image and a pulled one can never name different repositories.
 */
export interface PlatformImage {
  /** Repository under the platform registry, such as `degenquest` in `registry.digitalocean.com/pioneer/degenquest`. */
  readonly repository: string;
  /** The Pulumi project whose stack files record the tag. */
  readonly project: string;
  /** Config key, then keys inside its value, of the tag in `projects/<project>/Pulumi.<env>.yaml`. */
  readonly tagKey: readonly [string, ...string[]];
  /** What builds and pushes it. */
  readonly builtBy: string;
}

export const PLATFORM_IMAGES = {
  degenquest: {
    repository: "degenquest",
    project: "degenquest",
    tagKey: ["degenquest:imageTag"],
    builtBy: "the image job of the degen-server repository's CircleCI pipeline (libs/pipeline/app-repo)",
  },
  "pioneer-agent": {
    repository: "pioneer-agent",
    project: "pioneer-agent",
    tagKey: ["pioneer-agent:imageTag"],
    builtBy: "the image job of the Pioneer agent repository's CircleCI pipeline (libs/pipeline/app-repo)",
  },
  "degenquest-backup-tools": {
    repository: "degenquest-backup-tools",
    project: "degenquest",
    tagKey: ["degenquest:backup", "toolsImageTag"],
    builtBy: "the backup-tools-image job of this repository's CircleCI pipeline, from projects/degenquest/backup-tools",
  },
} as const satisfies Record<string, PlatformImage>;

export type PlatformImageName = keyof typeof PLATFORM_IMAGES;

export function isPlatformImage(name: string): name is PlatformImageName {
  return Object.hasOwn(PLATFORM_IMAGES, name);
}
