/**
 * The admission policies of cluster-base on the real API server: a person refused, break-glass
 * admitted with a warning, images only from CI, Kubernetes' own controllers unhindered, and each
 * refusal and warning counted in the API server's metrics.
 */
import { BREAK_GLASS_GROUP, DEPLOY_IDENTITY, PIPELINE_MANAGED_NAMESPACE_LABELS } from "@platform/kubernetes/identities";
import type { DeclaredObject } from "./declared-objects";
import { ApiError, describeRef, Kube, type LiveObject, type ObjectRef, waitFor } from "./kube";

/** The person of the control plane's `person` kubeconfig. */
export const PERSON = "jane.doe@degen.dev";

/** The clients the checks act as. */
export interface Actors {
  /** A person with a cluster admin's rights, as on a managed cluster. */
  readonly person: Kube;
  /** The same person, in the break-glass group (`kubectl --as jane.doe@degen.dev --as-group platform:break-glass`). */
  readonly breakGlass: Kube;
  /** The pipeline's identity, as cluster-base's published kubeconfig impersonates it. */
  readonly pipeline: Kube;
}

export function actors(personKubeconfig: string): Actors {
  return {
    person: new Kube(personKubeconfig),
    breakGlass: new Kube(personKubeconfig, { user: PERSON, groups: [BREAK_GLASS_GROUP] }),
    pipeline: new Kube(personKubeconfig, { user: DEPLOY_IDENTITY.user, groups: [DEPLOY_IDENTITY.group] }),
  };
}

/** The refusal of a request, or a failure saying that it went through. */
async function refusal(what: string, request: () => Promise<unknown>): Promise<ApiError> {
  try {
    await request();
  } catch (error) {
    const cause = (error as { cause?: unknown }).cause ?? error;
    if (cause instanceof ApiError && cause.status === 403) return cause;
    throw new Error(`${what} should be refused by an admission policy (403); it failed otherwise: ${(error as Error).message}`);
  }
  throw new Error(`${what} should be refused by an admission policy; the API server admitted it`);
}

function expectPolicy(error: ApiError, policy: string, ...fragments: string[]): string {
  const missing = [`ValidatingAdmissionPolicy '${policy}'`, ...fragments].filter((fragment) => !error.reason.includes(fragment));
  if (missing.length > 0) throw new Error(`The refusal should name ${missing.join(", ")}; it says: ${error.reason}`);
  return error.reason;
}

/** An image CI would have built, with the registry and name of a workload the stacks deployed. */
function ciImageOf(objects: readonly DeclaredObject[]): string {
  for (const object of objects) {
    const spec = object.inputs.spec as { template?: { spec?: { containers?: { image?: string }[] } } } | undefined;
    const image = spec?.template?.spec?.containers?.[0]?.image;
    if (image) return image;
  }
  throw new Error("The application declares no workload with an image");
}

const podWith = (namespace: string, name: string, image: string): LiveObject => ({
  apiVersion: "v1",
  kind: "Pod",
  metadata: { name, namespace },
  spec: {
    securityContext: { runAsNonRoot: true, runAsUser: 10001, seccompProfile: { type: "RuntimeDefault" } },
    containers: [
      {
        name: "main",
        image,
        resources: { requests: { cpu: "10m", memory: "16Mi" }, limits: { cpu: "50m", memory: "32Mi" } },
        securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ["ALL"] } },
      },
    ],
  },
});

export interface AdmissionReport {
  readonly lines: string[];
  /** The image of the application's workload, as CI built it. */
  readonly ciImage: string;
  /** Seconds from a pod deleted by break-glass to its replacement Running and Ready. */
  readonly replacedInSeconds: number;
}

/**
 * Each rule, shown once on the deployed application: `objects` are what its stack declared, in
 * the tenant namespace `namespace`.
 */
export async function admissionIsEnforced(admin: Kube, who: Actors, namespace: string, objects: readonly DeclaredObject[]): Promise<AdmissionReport> {
  const lines: string[] = [];
  const settings = objects.find((object) => object.ref.kind === "ConfigMap");
  if (!settings) throw new Error(`No ConfigMap declared in ${namespace} to edit`);
  const before = JSON.stringify((await admin.read(settings.ref))?.data);

  // A person's `kubectl edit` of a deployed object: refused, and the object is as it was.
  const edit = await refusal(`${PERSON} editing ${describeRef(settings.ref)}`, () =>
    who.person.mergePatch(settings.ref, { data: { NODE_ENV: "edited-by-hand" } }),
  );
  lines.push(`person edits ${describeRef(settings.ref)}: refused: ${expectPolicy(edit, "platform-pipeline-only", `by ${PERSON}`, "break-glass")}`);
  if (JSON.stringify((await admin.read(settings.ref))?.data) !== before) throw new Error(`${describeRef(settings.ref)} changed although the edit was refused`);

  // The same edit as a server-side dry run (`kubectl diff`) changes nothing and is not refused.
  await who.person.mergePatch(settings.ref, { data: { NODE_ENV: "edited-by-hand" } }, { dryRun: true });
  lines.push("person's server-side dry run of the same edit: admitted, nothing changed");

  // A person's pod with an image from outside CI: refused, with the image policy's own message when
  // asked as a dry run (a real create is refused first for being made by hand).
  const outside = "docker.io/library/nginx:1.27";
  const personPod = await refusal(`${PERSON} creating a pod of ${outside}`, () => who.person.create(podWith(namespace, "by-hand", outside), { dryRun: true }));
  lines.push(`person creates a pod of ${outside}: refused: ${expectPolicy(personPod, "platform-ci-images", outside)}`);
  await refusal(`${PERSON} creating a pod`, () => who.person.create(podWith(namespace, "by-hand", outside)));

  // The pipeline too runs only what CI built: a CI image by a moving tag is refused; by its commit SHA, admitted.
  const image = ciImageOf(objects);
  const movingTag = image.replace(/:[^:/@]+$/, ":latest");
  const pipelineTag = await refusal(`the pipeline deploying ${movingTag}`, () => who.pipeline.create(podWith(namespace, "moving-tag", movingTag), { dryRun: true }));
  lines.push(`pipeline deploys ${movingTag}: refused: ${expectPolicy(pipelineTag, "platform-ci-images", movingTag)}`);
  await who.pipeline.create(podWith(namespace, "ci-built", image), { dryRun: true });
  lines.push(`pipeline deploys ${image}: admitted`);

  // Break-glass: admitted, with the policy's warning, and Kubernetes' controllers put the pod back.
  const pods = await admin.list("v1", "Pod", namespace);
  const victim = pods.find((pod) => (pod.metadata?.ownerReferences as { kind?: string }[] | undefined)?.some((owner) => owner.kind === "ReplicaSet" || owner.kind === "StatefulSet"));
  if (!victim?.metadata?.name) throw new Error(`No pod of a Deployment or StatefulSet runs in ${namespace}`);
  const victimRef: ObjectRef = { apiVersion: "v1", kind: "Pod", name: victim.metadata.name, namespace };
  const deletedByPerson = await refusal(`${PERSON} deleting ${describeRef(victimRef)}`, () => who.person.delete(victimRef));
  lines.push(`person deletes ${describeRef(victimRef)}: refused: ${expectPolicy(deletedByPerson, "platform-pipeline-only")}`);

  const started = Date.now();
  await who.breakGlass.delete(victimRef);
  const warning = who.breakGlass.lastWarnings.find((text) => text.includes("platform-break-glass"));
  if (!warning?.includes(`by ${PERSON}`)) throw new Error(`Deleting ${describeRef(victimRef)} in break-glass should be warned about; warnings: ${JSON.stringify(who.breakGlass.lastWarnings)}`);
  lines.push(`break-glass deletes ${describeRef(victimRef)}: admitted, warned: ${warning}`);

  const owner = (victim.metadata.ownerReferences as { uid: string }[])[0]!.uid;
  const replacement = await waitFor(`a replacement of ${describeRef(victimRef)} Running and Ready`, 120, async () => {
    const now = await admin.list("v1", "Pod", namespace);
    return now.find((pod) => {
      const owners = (pod.metadata?.ownerReferences as { uid: string }[] | undefined) ?? [];
      const status = pod.status as { phase?: string; conditions?: { type: string; status: string }[] } | undefined;
      return (
        pod.metadata?.uid !== victim.metadata?.uid &&
        !pod.metadata?.deletionTimestamp &&
        owners.some((o) => o.uid === owner) &&
        status?.phase === "Running" &&
        status.conditions?.some((c) => c.type === "Ready" && c.status === "True")
      );
    });
  });
  const replacedInSeconds = (Date.now() - started) / 1000;
  lines.push(
    `controllers unhindered: ${describeRef({ ...victimRef, name: replacement.metadata!.name! })} created, scheduled on ` +
      `${String((replacement.spec as { nodeName?: string }).nodeName)} and Ready ${replacedInSeconds.toFixed(1)} s after the deletion`,
  );
  return { lines, replacedInSeconds, ciImage: image };
}

/**
 * The controller-manager's publishers still write into every namespace the policies guard: the
 * cluster's CA (`kube-root-ca.crt`, which every projected service-account token mounts) and the
 * `default` ServiceAccount, both created as the namespace appeared, after cluster-base's policies.
 */
export async function namespacesFilledByControllers(admin: Kube): Promise<string> {
  const guarded = (await admin.list("v1", "Namespace")).filter((namespace) =>
    Object.entries(PIPELINE_MANAGED_NAMESPACE_LABELS).every(([key, value]) => namespace.metadata?.labels?.[key] === value),
  );
  if (guarded.length === 0) throw new Error("No namespace carries the label the policies guard");
  const missing: string[] = [];
  for (const namespace of guarded.map((n) => n.metadata!.name!)) {
    for (const ref of [
      { apiVersion: "v1", kind: "ConfigMap", name: "kube-root-ca.crt", namespace },
      { apiVersion: "v1", kind: "ServiceAccount", name: "default", namespace },
    ]) {
      if (!(await admin.read(ref))) missing.push(describeRef(ref));
    }
  }
  if (missing.length > 0) throw new Error(`The controller-manager could not fill the guarded namespaces: missing ${missing.join(", ")}`);
  return `controllers unhindered: kube-root-ca.crt and the default ServiceAccount in all ${guarded.length} guarded namespaces (${guarded.map((n) => n.metadata!.name).join(", ")})`;
}

/**
 * The autoscaler controller still scales inside a tenant namespace: the pipeline deploys a
 * Deployment of one replica with an autoscaler whose minimum is two, and the HPA controller (its
 * own service account, through the `scale` subresource the policy covers) scales it out while a
 * person's `kubectl scale` of the same Deployment is refused. Removed afterwards by the pipeline.
 */
export async function autoscalerScales(admin: Kube, who: Actors, namespace: string, image: string): Promise<{ line: string; seconds: number }> {
  const name = "admission-autoscaler-check";
  const labels = { "app.kubernetes.io/name": name };
  const deployment: ObjectRef = { apiVersion: "apps/v1", kind: "Deployment", name, namespace };
  const autoscaler: ObjectRef = { apiVersion: "autoscaling/v2", kind: "HorizontalPodAutoscaler", name, namespace };
  const started = Date.now();
  await who.pipeline.create({
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name, namespace, labels },
    spec: { replicas: 1, selector: { matchLabels: labels }, template: { metadata: { labels }, spec: podWith(namespace, name, image).spec } },
  });
  try {
    await who.pipeline.create({
      apiVersion: "autoscaling/v2",
      kind: "HorizontalPodAutoscaler",
      metadata: { name, namespace, labels },
      spec: { scaleTargetRef: { apiVersion: "apps/v1", kind: "Deployment", name }, minReplicas: 2, maxReplicas: 3 },
    });
    await waitFor(`${describeRef(deployment)} scaled to 2 Ready replicas by its autoscaler`, 120, async () => {
      const status = (await admin.read(deployment))?.status as { readyReplicas?: number } | undefined;
      return status?.readyReplicas === 2 ? true : undefined;
    });
    const seconds = (Date.now() - started) / 1000;
    const byHand = await refusal(`${PERSON} scaling ${describeRef(deployment)}`, () => who.person.scale(deployment, 3));
    expectPolicy(byHand, "platform-pipeline-only", "UPDATE of deployments");
    return {
      seconds,
      line: `autoscaler unhindered: ${describeRef(deployment)} scaled 1 -> 2 Ready replicas by the HPA controller in ${seconds.toFixed(1)} s; the person's kubectl scale refused`,
    };
  } finally {
    await who.pipeline.delete(autoscaler);
    await who.pipeline.delete(deployment);
  }
}

/** `apiserver_validating_admission_policy_check_total`, by policy and action, from the API server's metrics. */
export async function admissionCounts(admin: Kube): Promise<Map<string, number>> {
  return admissionCountsIn(await admin.text("/metrics"));
}

/** The counter's samples in Prometheus' text format, summed by `<policy> <enforcement_action>`. */
export function admissionCountsIn(metrics: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const line of metrics.split("\n")) {
    if (!line.startsWith("apiserver_validating_admission_policy_check_total{")) continue;
    const labels = Object.fromEntries([...line.matchAll(/(\w+)="([^"]*)"/g)].map((match) => [match[1], match[2]]));
    const key = `${labels.policy} ${labels.enforcement_action}`;
    counts.set(key, (counts.get(key) ?? 0) + Number(line.slice(line.lastIndexOf(" ") + 1)));
  }
  return counts;
}

/** Fails unless each policy and action was counted at least as often as the run made it act. */
export function countsCover(counts: ReadonlyMap<string, number>, expected: Readonly<Record<string, number>>): string[] {
  const problems: string[] = [];
  for (const [key, least] of Object.entries(expected)) {
    const seen = counts.get(key) ?? 0;
    if (seen < least) problems.push(`${key}: counted ${seen}, expected at least ${least}`);
  }
  return problems;
}
