import { containersOf, validatePods } from "../kubernetes";
import { isLocal, isUnknown, type ResourcePolicy } from "../resource";

export interface ImageSourceConfig {
  /** The platform registry every image comes from. */
  readonly registry: string;
  /** Registries on a developer's machine, allowed only in `local`. */
  readonly localRegistries: readonly string[];
}

export const IMAGE_SOURCE_DEFAULTS: ImageSourceConfig = {
  registry: "registry.digitalocean.com/pioneer",
  localRegistries: ["localhost:5001"],
};

/** Tags that name a branch or a channel: the image behind them changes without a deploy. */
const MOVING_TAGS = new Set(["latest", "main", "master", "stable", "edge", "nightly", "dev"]);

/** `registry/repo:tag@sha256:...` -> its tag and digest. */
export function parseImage(image: string): { readonly tag?: string; readonly digest?: string } {
  const [reference, digest] = image.split("@", 2);
  const lastSegment = reference!.slice(reference!.lastIndexOf("/") + 1);
  const colon = lastSegment.indexOf(":");
  return {
    ...(colon >= 0 ? { tag: lastSegment.slice(colon + 1) } : {}),
    ...(digest !== undefined ? { digest } : {}),
  };
}

export const imageSource: ResourcePolicy = {
  name: "image-source",
  description:
    "Images come only from the platform registry (or the local registry in `local`), with an immutable tag or a digest.",
  enforcementLevel: "mandatory",
  configSchema: {
    properties: {
      registry: { type: "string", default: IMAGE_SOURCE_DEFAULTS.registry },
      localRegistries: { type: "array", items: { type: "string" }, default: [...IMAGE_SOURCE_DEFAULTS.localRegistries] },
    },
  },
  validateResource: validatePods(({ template, subject }, args, reportViolation) => {
    const config = { ...IMAGE_SOURCE_DEFAULTS, ...args.getConfig<Partial<ImageSourceConfig>>() };
    const local = isLocal(args.urn);
    const allowed = [config.registry, ...(local ? config.localRegistries : [])];
    for (const { container, field, name } of containersOf(template.spec)) {
      const image = container.image;
      if (isUnknown(image)) continue;
      if (typeof image !== "string" || image === "") {
        reportViolation(`${subject}: ${field} "${name}" has no image: set an image from ${config.registry}.`);
        continue;
      }
      if (!allowed.some((registry) => image.startsWith(`${registry}/`))) {
        reportViolation(
          `${subject}: ${field} "${name}" uses image "${image}" from outside the platform registry: ` +
            `push it through CI to ${allowed.join(" or ")} and use that image.`,
        );
      }
      const { tag, digest } = parseImage(image);
      if (local || digest !== undefined) continue;
      if (tag === undefined || MOVING_TAGS.has(tag)) {
        reportViolation(
          `${subject}: ${field} "${name}" uses image "${image}" ${tag === undefined ? "without a tag" : `with the moving tag "${tag}"`}: ` +
            "use the immutable tag CI gave it (the source commit) or a digest (@sha256:...).",
        );
      }
    }
  }),
};
