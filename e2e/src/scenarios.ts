import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseDocument } from "yaml";
import { checkDrift, previewStack, readConfigString, runNxTarget, setConfigString } from "@platform/pipeline";
import type { DeclaredObject } from "./declared-objects";
import { describeRef, type Kube, type ObjectRef } from "./kube";
import { runCommand } from "./process";
import { checkDeclaredObjects, preview, rootOf, runTarget, stacksInOrder, type Platform } from "./platform";
import { E2E_STACK, type PulumiCli } from "./pulumi";
import { waitUntilReady } from "./readiness";
import { E2E_CONTEXT } from "./cluster";
import { WORKSPACE_ROOT } from "./toolchain";

/**
 * Runs `work` with one value of a stack file changed, the way a reviewed pull request changes it,
 * and puts the file back as it was afterwards, whatever happens: the revert of that commit.
 * `path` is the config key, then the keys inside its value.
 */
export async function withStackFileChange<T>(
  platform: Platform,
  project: string,
  path: readonly [string, ...string[]],
  value: string,
  work: (revert: () => void) => Promise<T>,
): Promise<T> {
  const file = join(rootOf(platform, project), `Pulumi.${E2E_STACK}.yaml`);
  const original = readFileSync(file, "utf8");
  if (path.length === 1) {
    writeFileSync(file, setConfigString(original, path[0], value, file));
  } else {
    const document = parseDocument(original);
    if (!document.hasIn(["config", ...path])) throw new Error(`${file} has no ${path.join(".")} to change`);
    document.setIn(["config", ...path], value);
    writeFileSync(file, document.toString());
  }
  const revert = () => writeFileSync(file, original);
  try {
    return await work(revert);
  } finally {
    revert();
  }
}

export function stackFileValue(platform: Platform, project: string, key: string): string {
  const file = join(rootOf(platform, project), `Pulumi.${E2E_STACK}.yaml`);
  return readConfigString(readFileSync(file, "utf8"), key, file);
}

/** A new image tag rolled out through a stack-file change, then rolled back by reverting it; both timed. */
export async function rolloutAndRollback(kube: Kube, pulumi: PulumiCli, platform: Platform, project: string): Promise<{ rollout: number; rollback: number }> {
  const key = `${project}:imageTag`;
  const before = stackFileValue(platform, project, key);
  const next = "0123456789abcdef0123456789abcdef01234567";
  const imageOf = async (objects: readonly DeclaredObject[]) => {
    const workloads = objects.filter((object) => object.ref.kind === "StatefulSet" || object.ref.kind === "Deployment");
    const images: string[] = [];
    for (const workload of workloads) {
      const live = await kube.read(workload.ref);
      const containers = ((live?.spec as { template?: { spec?: { containers?: { image?: string }[] } } })?.template?.spec?.containers ?? []);
      images.push(...containers.map((container) => container.image ?? ""));
    }
    return images;
  };

  return withStackFileChange(platform, project, [key], next, async (revert) => {
    const rollout = await runTarget("up", project);
    const rolled = await checkDeclaredObjects(kube, pulumi, platform, project);
    await waitUntilReady(kube, rolled, 180);
    const rolledImages = await imageOf(rolled);
    if (!rolledImages.some((image) => image.endsWith(`:${next}`))) throw new Error(`${project} runs ${rolledImages.join(", ")} after the rollout, not the tag ${next}`);

    revert();
    const rollback = await runTarget("up", project);
    const back = await checkDeclaredObjects(kube, pulumi, platform, project);
    await waitUntilReady(kube, back, 180);
    const backImages = await imageOf(back);
    if (!backImages.some((image) => image.endsWith(`:${before}`)) || backImages.some((image) => image.endsWith(`:${next}`))) {
      throw new Error(`${project} runs ${backImages.join(", ")} after the rollback, not the tag ${before}`);
    }
    return { rollout, rollback };
  });
}

/**
 * A value that a stack declares, edited out of band (as `kubectl edit` would, by `editor`: only
 * break-glass gets past the admission policies), is reported as drift by the pipeline's drift
 * check for exactly its own stack; `up` then puts it back. Fields that no stack declares (a label
 * someone adds) are not drift under server-side apply: the provider compares only the fields it
 * manages. The audit and admission policies cover those.
 */
export async function driftIsFound(
  kube: Kube,
  editor: Kube,
  platform: Platform,
  project: string,
  target: DeclaredObject,
  edit: { readonly key: string; readonly value: string },
): Promise<string[]> {
  const declared = (target.inputs.data as Record<string, string> | undefined)?.[edit.key];
  await editor.mergePatch(target.ref, { data: { [edit.key]: edit.value } });
  const drifted: string[] = [];
  for (const stack of stacksInOrder(platform)) {
    const result = await checkDrift(E2E_STACK, stack, {
      refresh: (p, env) => runNxTarget(WORKSPACE_ROOT, "refresh", env, [p]),
      preview: (p, env) => previewStack(WORKSPACE_ROOT, rootOf(platform, p).slice(WORKSPACE_ROOT.length + 1), env, { expectNoChanges: true }),
    });
    if (result.status === "error") throw new Error(`The drift check of ${stack} failed: ${result.message}`);
    if (result.status === "drifted") drifted.push(stack);
  }
  if (drifted.length !== 1 || drifted[0] !== project) {
    throw new Error(`Edited ${describeRef(target.ref)} of ${project}; the drift check reported drift in: ${drifted.join(", ") || "no stack"}`);
  }
  await runTarget("up", project);
  const restored = (await kube.read(target.ref))?.data as Record<string, string> | undefined;
  if (restored?.[edit.key] !== declared) {
    throw new Error(`up of ${project} left ${describeRef(target.ref)} data.${edit.key} at ${JSON.stringify(restored?.[edit.key])}, not the declared ${JSON.stringify(declared)}`);
  }
  return drifted;
}

/** `npm run audit:cluster` finds an object created out of band (by `editor`, in break-glass), and nothing else. */
export async function auditFindsUnmanaged(editor: Kube, namespace: string): Promise<void> {
  const audit = () =>
    runCommand("npm", ["run", "--silent", "audit:cluster", "--", "--context", E2E_CONTEXT, "--env", E2E_STACK], {
      cwd: WORKSPACE_ROOT,
      capture: true,
      timeoutSeconds: 300,
    });
  const clean = await audit();
  if (clean.code !== 0) throw new Error(`The audit of the deployed platform should find nothing; it exited ${clean.code}:\n${clean.stdout}${clean.stderr}`);

  const stray = { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "made-by-hand", namespace }, data: { note: "created out of band" } };
  await editor.create(stray);
  try {
    const found = await audit();
    if (found.code !== 1 || !found.stdout.includes("made-by-hand")) {
      throw new Error(`The audit should report ConfigMap ${namespace}/made-by-hand and exit 1; it exited ${found.code}:\n${found.stdout}${found.stderr}`);
    }
    // Exactly one finding: every managed object stays out of the report.
    if (!found.stdout.includes("1 object that no Pulumi stack manages")) {
      throw new Error(`The audit should report only ConfigMap ${namespace}/made-by-hand:\n${found.stdout}`);
    }
    console.log(found.stdout.trim());
  } finally {
    await editor.delete({ apiVersion: "v1", kind: "ConfigMap", name: "made-by-hand", namespace });
  }
}

/**
 * The policy pack, run by the real CLI, stops a violating change: cluster-base pointed at a
 * registry outside the platform's, refused in the application that would pull from it. (A storage
 * class change cannot show this: the API server refuses it first, in the provider's dry run,
 * because a StatefulSet's volumeClaimTemplates are immutable.)
 */
export async function policyStopsViolation(platform: Platform, app: string): Promise<string> {
  const outside = "docker.io/someone";
  return withStackFileChange(platform, "cluster-base", ["cluster-base:registry", "server"], outside, async (revert) => {
    await runTarget("up", "cluster-base");
    try {
      const { outcome } = await preview(platform, app, false);
      const text = outcome.ok ? "" : outcome.message;
      if (outcome.ok || !text.includes("image-source") || !text.includes(outside)) {
        throw new Error(`The preview of ${app} pulling from ${outside} should be stopped by the image-source policy; it ${outcome.ok ? "passed" : `failed otherwise: ${text}`}`);
      }
      return text;
    } finally {
      revert();
      await runTarget("up", "cluster-base");
    }
  });
}

/**
 * A bigger `storageGiB` grows the game server's claim in place: the StatefulSet and its pod stay
 * (same uid), the claim asks for the new size, the next preview is clean, and a smaller size is
 * refused with the API server's message. What this control plane cannot show: no volume plugin
 * resizes a host-path volume, so the claim's status.capacity stays; on DigitalOcean the CSI
 * driver grows the block storage volume and its filesystem while it is mounted.
 */
export async function volumeGrowsInPlace(
  kube: Kube,
  pulumi: PulumiCli,
  platform: Platform,
  project: string,
): Promise<{ seconds: number; from: string; to: string; refusal: string }> {
  const key = `${project}:storageGiB`;
  const before = Number(stackFileValue(platform, project, key));
  const objects = (await checkDeclaredObjects(kube, pulumi, platform, project)).filter((object) => object.ref.kind === "StatefulSet");
  if (objects.length !== 1) throw new Error(`${project} declares ${objects.length} StatefulSets; expected its one game server`);
  const statefulSet = objects[0]!.ref;
  const claimRef = { apiVersion: "v1", kind: "PersistentVolumeClaim", name: `data-${statefulSet.name}-0`, namespace: statefulSet.namespace };
  const podRef = { apiVersion: "v1", kind: "Pod", name: `${statefulSet.name}-0`, namespace: statefulSet.namespace };
  const uidOf = async (ref: ObjectRef) => ((await kube.read(ref))?.metadata?.uid as string | undefined) ?? "";
  const [setUid, podUid] = [await uidOf(statefulSet), await uidOf(podRef)];
  const requested = async () => ((await kube.read(claimRef))?.spec as { resources?: { requests?: { storage?: string } } } | undefined)?.resources?.requests?.storage;
  if ((await requested()) !== `${before}Gi`) throw new Error(`${describeRef(claimRef)} requests ${await requested()}, not the declared ${before}Gi`);

  const grown = before + 1;
  return withStackFileChange(platform, project, [key], String(grown), async () => {
    const seconds = await runTarget("up", project);
    const problems: string[] = [];
    if ((await requested()) !== `${grown}Gi`) problems.push(`${describeRef(claimRef)} requests ${await requested()}, not ${grown}Gi`);
    if ((await uidOf(statefulSet)) !== setUid) problems.push(`${describeRef(statefulSet)} was replaced`);
    if ((await uidOf(podRef)) !== podUid) problems.push(`${describeRef(podRef)} was restarted or replaced`);
    const again = await preview(platform, project, true);
    if (!again.outcome.ok) problems.push(`the preview after growing plans changes:\n${again.outcome.message}`);
    if (problems.length > 0) throw new Error(`Growing ${key} from ${before} to ${grown}:\n  - ${problems.join("\n  - ")}`);

    // The stack file goes back to the smaller size: the claim cannot follow, and the preview says why.
    return withStackFileChange(platform, project, [key], String(before), async () => {
      const shrink = await preview(platform, project, false);
      const message = shrink.outcome.ok ? "" : shrink.outcome.message;
      // "can not be less than status.capacity" (or "than previous value", without volume expansion recovery).
      const refusal = message.split("\n").find((line) => line.includes("spec.resources.requests.storage: Forbidden: field can not be less than")) ?? "";
      if (shrink.outcome.ok || !refusal) throw new Error(`A preview that shrinks ${describeRef(claimRef)} should be refused by the API server; it ${shrink.outcome.ok ? "passed" : `failed otherwise: ${message}`}`);
      return { seconds, from: `${before}Gi`, to: `${grown}Gi`, refusal: refusal.trim() };
    });
  });
}

/**
 * A new secret value replaces the service's Secret under a new provider-given name and rolls the
 * pods onto it; the old Secret is deleted, and no name or label anywhere derives from the value.
 */
export async function secretRotationRollsPods(kube: Kube, pulumi: PulumiCli, platform: Platform, project: string, key: string): Promise<{ seconds: number; from: string; to: string }> {
  const root = rootOf(platform, project);
  const file = join(root, `Pulumi.${E2E_STACK}.yaml`);
  const secretOf = async () => {
    // PlatformService's Secret: the provider names it `<service>-secrets-<random suffix>`.
    const secrets = (await checkDeclaredObjects(kube, pulumi, platform, project)).filter((object) => object.ref.kind === "Secret" && object.ref.name.startsWith(`${project}-secrets-`));
    if (secrets.length !== 1) throw new Error(`${project} declares ${secrets.length} Secrets with settings; expected its one service Secret`);
    return secrets[0]!.ref;
  };
  const workloadOf = async () => (await checkDeclaredObjects(kube, pulumi, platform, project)).find((object) => object.ref.kind === "Deployment" || object.ref.kind === "StatefulSet")!;
  const before = await secretOf();
  const original = readFileSync(file, "utf8");
  const value = `rotated-${Date.now()}`;
  try {
    const set = await pulumi.run(root, ["config", "set", "--secret", "--path", `${project}:secretEnv.${key}`, value, "--stack", E2E_STACK]);
    if (set.code !== 0) throw new Error(`pulumi config set of ${project}:secretEnv.${key} failed: ${set.stderr.trim()}`);
    const seconds = await runTarget("up", project);
    const after = await secretOf();
    const problems: string[] = [];
    if (after.name === before.name) problems.push(`the Secret kept its name ${before.name}`);
    if (await kube.read(before)) problems.push(`the old ${describeRef(before)} is still there`);
    const live = await kube.read(after);
    if (JSON.stringify(live?.metadata ?? {}).includes(value)) problems.push(`${describeRef(after)}'s metadata holds the value`);
    const workload = await workloadOf();
    const template = JSON.stringify(((await kube.read(workload.ref))?.spec as { template?: unknown } | undefined)?.template ?? {});
    if (!template.includes(`"name":"${after.name}"`)) problems.push(`${describeRef(workload.ref)}'s pods do not read ${after.name}`);
    const ready = await waitUntilReady(kube, [workload], 180);
    if (problems.length > 0) throw new Error(`Rotating ${project}:secretEnv.${key}:\n  - ${problems.join("\n  - ")}`);
    // Back to the committed value, as reverting the change would: a third Secret, and no drift left.
    writeFileSync(file, original);
    await runTarget("up", project);
    const restored = await secretOf();
    if (restored.name === after.name || (await kube.read(after))) throw new Error(`Reverting ${project}:secretEnv.${key} left ${describeRef(after)} in place`);
    return { seconds, from: before.name, to: `${after.name} (${ready.workloads} workload rolled and Ready), then ${restored.name} on revert` };
  } finally {
    writeFileSync(file, original);
  }
}
