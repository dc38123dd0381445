import { DEPLOY_IDENTITY } from "@platform/kubernetes";

/**
 * The kubeconfig that cluster-base publishes for every stack to deploy with: the same cluster and
 * credentials, asking the API server to impersonate the pipeline's identity. Whoever runs a stack
 * (CI or a person with the pipeline's rights), its changes reach the admission policies as the
 * pipeline's, and the audit log still names the real caller. The credentials must be allowed to
 * impersonate it, as a cluster admin is.
 */
export function deployKubeconfig(kubeconfig: Readonly<Record<string, unknown>>): string {
  const users = (kubeconfig.users ?? []) as readonly { name: string; user?: Record<string, unknown> }[];
  return JSON.stringify(
    {
      ...kubeconfig,
      users: users.map((entry) => ({ ...entry, user: { ...entry.user, as: DEPLOY_IDENTITY.user, "as-groups": [DEPLOY_IDENTITY.group] } })),
    },
    null,
    2,
  );
}
