import type { Environment } from "@platform/config";
import { z } from "zod";
import type { ImageRef } from "./args";

const COMMIT_SHA = /^[0-9a-f]{40}$/;
const DIGEST = /^sha256:[0-9a-f]{64}$/;
const DOCKER_TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;
const REPOSITORY = /^[a-z0-9]+(?:[._-][a-z0-9]+)*(?:\/[a-z0-9]+(?:[._-][a-z0-9]+)*)*$/;

/** Whether a tag names one build forever: a commit SHA that CI tagged, or a content digest. */
export function isImmutableTag(tag: string): boolean {
  return COMMIT_SHA.test(tag) || DIGEST.test(tag);
}

const IMMUTABLE_TAG_EXPECTED = 'the 40-hex commit SHA that CI tagged the image with, or a "sha256:<64 hex>" digest';

/**
 * The `<app>:imageTag` setting of an app's stack: written by CI in a reviewed pull request, never
 * derived by the program. Outside `local` only an immutable tag is accepted.
 * @param configKey the full key, such as `degenquest:imageTag`, named in the fix
 */
export function imageTagSchema(environment: Environment, configKey: string) {
  return z.string().superRefine((tag, ctx) => {
    if (environment === "local" ? DOCKER_TAG.test(tag) || isImmutableTag(tag) : isImmutableTag(tag)) return;
    ctx.addIssue({
      code: "custom",
      input: tag,
      message:
        environment === "local"
          ? 'expected an image tag, such as "latest" on local'
          : `${environment} runs only immutable images: expected ${IMMUTABLE_TAG_EXPECTED} (set it with \`pulumi config set ${configKey} <sha>\`)`,
    });
  });
}

/**
 * Problems with an image reference. Images come only from the platform registry, so the
 * repository is a path under it; outside `local` the tag must be immutable, so that what runs is
 * exactly what was reviewed and a rollback is a revert.
 */
export function imageProblems(image: ImageRef, environment: Environment): string[] {
  const problems: string[] = [];
  const { repository, tag } = image;
  const firstSegment = repository.split("/")[0] ?? "";
  if (repository.includes("/") && /[.:]/.test(firstSegment)) {
    problems.push(
      `image.repository is "${repository}", which names a registry host: give the path under the platform registry ` +
        `(cluster-base registryServer), such as "${repository.split("/").slice(1).join("/")}"`,
    );
  } else if (!REPOSITORY.test(repository)) {
    problems.push(
      `image.repository is "${repository}": expected a lower-case repository path under the platform registry, such as "degen-server"` +
        (repository.includes(":") || repository.includes("@") ? " (give the tag in image.tag)" : ""),
    );
  }
  if (environment === "local") {
    if (!DOCKER_TAG.test(tag) && !DIGEST.test(tag)) {
      problems.push(`image.tag is "${tag}": expected an image tag or a "sha256:" digest`);
    }
  } else if (!isImmutableTag(tag)) {
    const what = tag === "" ? "missing" : `"${tag}"`;
    problems.push(
      `image.tag is ${what}: ${environment} runs only immutable images: expected ${IMMUTABLE_TAG_EXPECTED} ` +
        `(moving tags such as "latest" only on local)`,
    );
  }
  return problems;
}

/** The full reference that the kubelet pulls: `<registry>/<repository>:<sha>` or `...@sha256:<digest>`. */
export function imageReference(registryServer: string, image: ImageRef): string {
  const separator = image.tag.startsWith("sha256:") ? "@" : ":";
  return `${registryServer.replace(/\/+$/, "")}/${image.repository}${separator}${image.tag}`;
}
