/**
 * The identities the cluster's admission policies know. cluster-base binds and enforces them; the
 * end-to-end run acts as each of them.
 */

/**
 * The identity the pipeline deploys as. No credential carries it: the kubeconfig that cluster-base
 * publishes asks the API server to impersonate it, so every change a stack makes arrives under this
 * name, whoever runs the stack, and the API server's audit log still records the real caller.
 */
export const DEPLOY_IDENTITY = { user: "platform:deployer", group: "platform:deployers" } as const;

/**
 * The group a person joins, by impersonation, to change a platform object by hand in an incident:
 * admitted with a warning and counted (docs/runbooks/break-glass.md).
 */
export const BREAK_GLASS_GROUP = "platform:break-glass";

/** The label of every namespace whose objects only the pipeline changes: the platform's own and the tenants'. */
export const PIPELINE_MANAGED_NAMESPACE_LABELS: Readonly<Record<string, string>> = { "app.kubernetes.io/managed-by": "pulumi" };
