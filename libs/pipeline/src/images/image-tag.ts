/**
 * An application's image is recorded by the commit it was built from, or by its digest: both name
 * exactly one image forever. Anything else (a branch name, `latest`, a short SHA that may become
 * ambiguous) is refused before it reaches a stack file.
 */

import { PLATFORM_IMAGES, type PlatformImageName } from "@platform/config/src/images";

export const REGISTRY = "registry.digitalocean.com/pioneer";

const COMMIT_SHA = /^[0-9a-f]{40}$/;
const DIGEST = /^sha256:[0-9a-f]{64}$/;

/** Problems with a tag for `<app>:imageTag`, each naming the key, the value and what is expected; empty when valid. */
export function imageTagProblems(key: string, tag: string): string[] {
  if (COMMIT_SHA.test(tag) || DIGEST.test(tag)) return [];
  const expected = "expected the 40-character commit SHA the image was built from (CircleCI's $CIRCLE_SHA1) or a sha256: digest";
  if (/^[0-9a-fA-F]{40}$/.test(tag)) return [`${key} is "${tag}": commit SHAs are lower case: use "${tag.toLowerCase()}"`];
  if (/^[0-9a-f]{7,39}$/.test(tag)) return [`${key} is "${tag}", a short commit SHA, which can become ambiguous: ${expected}`];
  if (tag.startsWith("sha256:")) return [`${key} is "${tag}": a digest is "sha256:" and 64 lower-case hex characters`];
  return [`${key} is ${JSON.stringify(tag)}: ${expected}; mutable tags such as "latest" or a branch name are refused`];
}

export function assertImageTag(key: string, tag: string): void {
  const problems = imageTagProblems(key, tag);
  if (problems.length > 0) throw new Error(problems.join("\n"));
}

/** Where CI pushes an image and the stacks pull it from: `<registry>/<repository>`. */
export function imageRepository(image: PlatformImageName): string {
  return `${REGISTRY}/${PLATFORM_IMAGES[image].repository}`;
}

/** The image a tag names in the registry: `<registry>/<repository>:<sha>` or `...@sha256:...`. */
export function imageReference(image: PlatformImageName, tag: string): string {
  return tag.startsWith("sha256:") ? `${imageRepository(image)}@${tag}` : `${imageRepository(image)}:${tag}`;
}
