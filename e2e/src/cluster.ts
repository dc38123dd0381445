import { readdirSync, readFileSync } from "node:fs";
import { delimiter, join } from "node:path";
import { parseAllDocuments } from "yaml";
import { type Kube, type LiveObject, waitFor } from "./kube";
import { mustRun } from "./process";
import { E2E_ROOT, type Toolchain, WORKSPACE_ROOT } from "./toolchain";

const START = join(E2E_ROOT, "control-plane", "start.sh");
const STOP = join(E2E_ROOT, "control-plane", "stop.sh");

/** The kubeconfig context that the e2e stacks name (`cluster-base:cluster.context`). */
export const E2E_CONTEXT = "platform-e2e";

export interface ControlPlane {
  readonly stateDir: string;
  /** The cluster admin's kubeconfig, which the stacks start from. */
  readonly kubeconfig: string;
  /** A person's kubeconfig: a cluster admin's rights, in `platform:people`. */
  readonly personKubeconfig: string;
  stop(): Promise<void>;
}

export async function startControlPlane(toolchain: Toolchain, stateDir: string): Promise<ControlPlane> {
  const env = { ...process.env, PLATFORM_E2E_CONTROL_PLANE_BIN: toolchain.controlPlaneBin.join(delimiter) };
  await mustRun("Starting the control plane", "bash", [START, stateDir], { cwd: WORKSPACE_ROOT, env, timeoutSeconds: 300 });
  return {
    stateDir,
    kubeconfig: join(stateDir, "kubeconfig"),
    personKubeconfig: join(stateDir, "kubeconfigs", "person"),
    stop: async () => {
      await mustRun("Stopping the control plane", "bash", [STOP, stateDir], { cwd: WORKSPACE_ROOT, env, timeoutSeconds: 60 });
    },
  };
}

/** The GatewayClass of DOKS's managed Gateway API (Cilium's implementation), as DOKS provides it. */
const DOKS_GATEWAY_CLASS: LiveObject = {
  apiVersion: "gateway.networking.k8s.io/v1",
  kind: "GatewayClass",
  metadata: { name: "cilium" },
  spec: { controllerName: "io.cilium/gateway-controller" },
};

/**
 * What a cluster that already runs the third-party add-ons has, and the e2e stacks therefore
 * do not install: their CRDs (generated from the operators' Go types at the pinned versions,
 * the Gateway API's among them) and their namespaces; and what DOKS provides: the storage
 * class, here backed by host paths, and the Gateway API's GatewayClass (no controller runs it).
 */
export async function installPreinstalledAddOns(kube: Kube, crdDir: string): Promise<{ crds: string[] }> {
  const crds = readdirSync(crdDir)
    .filter((file) => /\.ya?ml$/.test(file))
    .sort()
    .flatMap((file) => parseAllDocuments(readFileSync(join(crdDir, file), "utf8")).map((document) => document.toJS() as LiveObject | null))
    .filter((object): object is LiveObject => object?.kind === "CustomResourceDefinition");
  if (crds.length === 0) throw new Error(`No CustomResourceDefinition in ${crdDir}: the CRD generation produced nothing`);
  for (const crd of crds) await kube.apply(crd);
  for (const crd of crds) {
    const ref = { apiVersion: "apiextensions.k8s.io/v1", kind: "CustomResourceDefinition", name: crd.metadata!.name! };
    await waitFor(`CRD ${ref.name} to be established`, 60, async () => {
      const live = await kube.read(ref);
      const conditions = ((live?.status as { conditions?: { type: string; status: string }[] } | undefined)?.conditions ?? []);
      return conditions.some((condition) => condition.type === "Established" && condition.status === "True") ? true : undefined;
    });
  }

  for (const name of ["ingress-nginx", "cert-manager"]) {
    await kube.apply({ apiVersion: "v1", kind: "Namespace", metadata: { name, labels: { "app.kubernetes.io/managed-by": "platform-e2e" } } });
  }
  await kube.apply({
    apiVersion: "storage.k8s.io/v1",
    kind: "StorageClass",
    metadata: { name: "do-block-storage" },
    provisioner: "kubernetes.io/host-path",
    reclaimPolicy: "Delete",
    volumeBindingMode: "Immediate",
    allowVolumeExpansion: true,
  });
  await kube.apply(DOKS_GATEWAY_CLASS);
  return { crds: crds.map((crd) => crd.metadata!.name!) };
}
