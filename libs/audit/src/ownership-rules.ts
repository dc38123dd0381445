/**
 * How the audit recognises an object that a Pulumi stack manages. The rules live here and only
 * here; each object gets the first rule that applies.
 *
 * 1. **Pulumi wrote it.** A `metadata.managedFields` entry whose manager is the Pulumi Kubernetes
 *    provider: `pulumi-kubernetes-<suffix>` (server-side apply, which every provider here uses),
 *    `pulumi-kubernetes` (client-side apply) or `pulumi-resource-kubernetes` (older providers, named
 *    after the executable). Or the label `app.kubernetes.io/managed-by: pulumi`, which the provider
 *    sets in client-side apply mode and the platform's components set themselves. The label alone
 *    can be copied into a hand-applied manifest; the field manager cannot, so it is checked first.
 * 2. **A Helm release that a stack declares** (`kubernetes:helm.sh/v3:Release` in the offline plan
 *    of the environment): objects annotated `meta.helm.sh/release-name` and
 *    `meta.helm.sh/release-namespace`, and the release's own Secrets (type `helm.sh/release.v1`).
 *    A release that no stack declares was installed by hand.
 * 3. **It follows a managed object**, and is managed exactly when that object is:
 *    - its controller owner (`ownerReferences`): ReplicaSets, Pods, Jobs, ControllerRevisions,
 *      EndpointSlices, operator-made StatefulSets, cert-manager CertificateRequests, Orders,
 *      Challenges and ACME solver pods, Cilium endpoints;
 *    - the Service of the same name, for Endpoints;
 *    - the StatefulSet whose volumeClaimTemplates created it, for PVCs named
 *      `<template>-<statefulset>-<ordinal>`;
 *    - the cert-manager Certificate named in `cert-manager.io/certificate-name`, for issued TLS Secrets;
 *    - the ServiceAccount named in `kubernetes.io/service-account.name`, for token Secrets.
 * 4. **Kubernetes or an installed add-on wrote it at run time**, with no owner to follow: the
 *    `default` ServiceAccount and `kube-root-ca.crt` ConfigMap of every namespace, Leases that
 *    controllers write for leader election, and the few add-on objects listed in RUNTIME_OBJECTS;
 *    webhook certificates (`<release>...-admission`) that a declared release's hook job writes;
 *    the ACME account key Secret that a declared ClusterIssuer names.
 *
 * Anything else is unmanaged. Events and metrics are never listed (see discovery.ts).
 */
import type { KubeObject, NamespaceObjects, ObjectKey } from "./objects";

export const PULUMI_MANAGED_BY_LABEL = { key: "app.kubernetes.io/managed-by", value: "pulumi" } as const;
const PULUMI_FIELD_MANAGERS = /^(pulumi-kubernetes(-.+)?|pulumi-resource-kubernetes(\.exe)?)$/;
const HELM_RELEASE_NAME = "meta.helm.sh/release-name";
const HELM_RELEASE_NAMESPACE = "meta.helm.sh/release-namespace";
const HELM_RELEASE_SECRET_TYPE = "helm.sh/release.v1";
const CERTIFICATE_NAME = "cert-manager.io/certificate-name";
const SERVICE_ACCOUNT_NAME = "kubernetes.io/service-account.name";

/** A Helm release that a stack installs, as the offline plan declares it. */
export interface DeclaredRelease {
  readonly namespace: string;
  /** The release name; absent when Pulumi names it `<namePrefix><random suffix>`. */
  readonly name?: string;
  readonly namePrefix?: string;
  /** The stack that declares it, for reports. */
  readonly stack: string;
}

/** A Secret that a stack asks a controller to write, such as a ClusterIssuer's ACME account key. */
export interface DeclaredSecret {
  readonly name: string;
  readonly stack: string;
  readonly reason: string;
}

/** What the stacks of an environment install that the cluster alone cannot attribute to them. */
export interface StackDeclarations {
  readonly releases: readonly DeclaredRelease[];
  readonly secrets: readonly DeclaredSecret[];
}

/**
 * Objects that Kubernetes or an add-on writes at run time with no owner reference. Each entry is an
 * exemption: keep it short, and say who writes the object.
 */
export const RUNTIME_OBJECTS: readonly { readonly kind: string; readonly name: RegExp; readonly reason: string }[] = [
  { kind: "ServiceAccount", name: /^default$/, reason: "created by Kubernetes in every namespace" },
  { kind: "ConfigMap", name: /^kube-root-ca\.crt$/, reason: "published by Kubernetes in every namespace" },
  { kind: "Lease", name: /^/, reason: "leader election record written by a controller" },
  { kind: "Secret", name: /^cert-manager-webhook-ca$/, reason: "CA that cert-manager's webhook writes for itself" },
  { kind: "ConfigMap", name: /^elastic-licensing$/, reason: "licence usage that the ECK operator records" },
];

export type Evidence =
  | { readonly verdict: "managed"; readonly reason: string }
  | { readonly verdict: "follows"; readonly target: ObjectKey; readonly uid?: string; readonly reason: string }
  | { readonly verdict: "unmanaged"; readonly reason: string };

export interface RuleContext {
  readonly namespaceObjects: NamespaceObjects;
  readonly declarations: StackDeclarations;
}

/** Why an object is, or is not, Pulumi's. The caller resolves `follows` to its target's verdict. */
export function evidenceFor(object: KubeObject, context: RuleContext): Evidence {
  const { metadata } = object;
  const namespace = context.namespaceObjects.namespace;
  const pulumiMark = pulumiMarkOf(object);
  if (pulumiMark) return { verdict: "managed", reason: pulumiMark };

  const release = helmReleaseOf(object, namespace);
  if (release) {
    const declared = context.declarations.releases.find((candidate) => releaseMatches(candidate, release));
    return declared
      ? { verdict: "managed", reason: `Helm release ${release.namespace}/${release.name} of stack ${declared.stack}` }
      : { verdict: "unmanaged", reason: `Helm release ${release.namespace}/${release.name}, which no stack declares` };
  }

  const owner = metadata.ownerReferences?.find((reference) => reference.controller) ?? metadata.ownerReferences?.[0];
  if (owner) {
    return { verdict: "follows", target: { kind: owner.kind, namespace, name: owner.name }, uid: owner.uid, reason: "owner" };
  }

  const follows = (kind: string, name: string, reason: string): Evidence => ({ verdict: "follows", target: { kind, namespace, name }, reason });
  if (object.kind === "Endpoints" && context.namespaceObjects.find("Service", metadata.name)) {
    return follows("Service", metadata.name, "endpoints of");
  }
  if (object.kind === "PersistentVolumeClaim") {
    const statefulSet = statefulSetClaiming(metadata.name, context.namespaceObjects);
    if (statefulSet) return follows("StatefulSet", statefulSet, "volume claim template of");
  }
  if (object.kind === "Secret" && metadata.annotations?.[CERTIFICATE_NAME]) {
    return follows("Certificate", metadata.annotations[CERTIFICATE_NAME], "issued by cert-manager for");
  }
  if (object.kind === "Secret" && object.type === "kubernetes.io/service-account-token" && metadata.annotations?.[SERVICE_ACCOUNT_NAME]) {
    return follows("ServiceAccount", metadata.annotations[SERVICE_ACCOUNT_NAME], "token of");
  }

  const runtime = RUNTIME_OBJECTS.find((entry) => entry.kind === object.kind && entry.name.test(metadata.name));
  if (runtime) return { verdict: "managed", reason: runtime.reason };
  if (object.kind === "Secret") {
    const secret = context.declarations.secrets.find((declared) => declared.name === metadata.name);
    if (secret) return { verdict: "managed", reason: `${secret.reason} of stack ${secret.stack}` };
    const release = metadata.name.endsWith("-admission")
      ? context.declarations.releases.find((declared) => declared.namespace === namespace && metadata.name.startsWith(declared.name ?? declared.namePrefix!))
      : undefined;
    if (release) return { verdict: "managed", reason: `webhook certificate written by a hook of Helm release ${release.namespace}/${release.name ?? `${release.namePrefix}*`}` };
  }

  const managers = fieldManagers(object);
  return {
    verdict: "unmanaged",
    reason: managers.length > 0 ? `no Pulumi mark; written by ${managers.join(", ")}` : "no Pulumi mark and no field manager recorded",
  };
}

/** Rule 1 alone: how Pulumi marked the object it wrote, or undefined. Also decides which namespaces are the platform's. */
export function pulumiMarkOf(object: KubeObject): string | undefined {
  const pulumiManager = fieldManagers(object).find((manager) => PULUMI_FIELD_MANAGERS.test(manager));
  if (pulumiManager) return `field manager ${pulumiManager}`;
  if (object.metadata.labels?.[PULUMI_MANAGED_BY_LABEL.key] === PULUMI_MANAGED_BY_LABEL.value) {
    return `label ${PULUMI_MANAGED_BY_LABEL.key}=pulumi`;
  }
  return undefined;
}

function fieldManagers(object: KubeObject): string[] {
  return [...new Set((object.metadata.managedFields ?? []).map((entry) => entry.manager).filter((manager): manager is string => !!manager))];
}

function helmReleaseOf(object: KubeObject, namespace: string): { name: string; namespace: string } | undefined {
  const annotations = object.metadata.annotations ?? {};
  if (annotations[HELM_RELEASE_NAME]) {
    return { name: annotations[HELM_RELEASE_NAME], namespace: annotations[HELM_RELEASE_NAMESPACE] ?? namespace };
  }
  const labels = object.metadata.labels ?? {};
  if (object.kind === "Secret" && object.type === HELM_RELEASE_SECRET_TYPE && labels.owner === "helm" && labels.name) {
    return { name: labels.name, namespace };
  }
  return undefined;
}

function releaseMatches(declared: DeclaredRelease, found: { name: string; namespace: string }): boolean {
  if (declared.namespace !== found.namespace) return false;
  if (declared.name !== undefined) return declared.name === found.name;
  return declared.namePrefix !== undefined && found.name.startsWith(declared.namePrefix);
}

/** The StatefulSet whose volumeClaimTemplates name this claim `<template>-<statefulset>-<ordinal>`. */
function statefulSetClaiming(claimName: string, objects: NamespaceObjects): string | undefined {
  for (const statefulSet of objects.ofKind("StatefulSet")) {
    const spec = statefulSet.spec as { volumeClaimTemplates?: { metadata?: { name?: string } }[] } | undefined;
    for (const template of spec?.volumeClaimTemplates ?? []) {
      const prefix = `${template.metadata?.name}-${statefulSet.metadata.name}-`;
      if (claimName.startsWith(prefix) && /^\d+$/.test(claimName.slice(prefix.length))) return statefulSet.metadata.name;
    }
  }
  return undefined;
}
