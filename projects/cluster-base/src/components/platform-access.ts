import { BREAK_GLASS_GROUP, DEPLOY_IDENTITY } from "@platform/kubernetes";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";

import { PLATFORM_LABELS as LABELS } from "./labels";

/**
 * What the two identities that change the platform by design may do. The pipeline deploys every
 * layer (custom resource definitions, cluster roles and webhooks included), and break-glass exists
 * to repair anything, so both are cluster admins; what sets them apart is the admission policies.
 * Nobody logs in as either: a cluster admin impersonates them, which the audit log records.
 */
export class PlatformAccess extends pulumi.ComponentResource {
  constructor(name: string, opts?: pulumi.ComponentResourceOptions) {
    super("platform:cluster-base:PlatformAccess", name, {}, opts);
    for (const [resourceName, group] of [
      ["deployers", DEPLOY_IDENTITY.group],
      ["break-glass", BREAK_GLASS_GROUP],
    ] as const) {
      new k8s.rbac.v1.ClusterRoleBinding(
        `${name}-${resourceName}`,
        {
          metadata: { name: group, labels: LABELS },
          roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "cluster-admin" },
          subjects: [{ apiGroup: "rbac.authorization.k8s.io", kind: "Group", name: group }],
        },
        { parent: this },
      );
    }
    this.registerOutputs({});
  }
}
