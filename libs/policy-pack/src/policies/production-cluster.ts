import { asRecord, isProduction, type ResourcePolicy } from "../resource";

export const DOKS_CLUSTER_TYPE = "digitalocean:index/kubernetesCluster:KubernetesCluster";
export const MIN_PRODUCTION_NODES = 2;

/** Production survives a control-plane failure, a node loss and an upgrade without downtime. */
export const productionCluster: ResourcePolicy = {
  name: "production-cluster",
  description:
    "In production, the DOKS cluster has a highly available control plane, surge upgrades, a maintenance window " +
    `and an autoscaling default node pool of at least ${MIN_PRODUCTION_NODES} nodes.`,
  enforcementLevel: "mandatory",
  validateResource: (args, reportViolation) => {
    if (args.type !== DOKS_CLUSTER_TYPE || !isProduction(args.urn)) return;
    const subject = `DOKS cluster ${JSON.stringify(args.props.name ?? args.name)}`;
    const pool = asRecord(args.props.nodePool);
    const maintenance = asRecord(args.props.maintenancePolicy);
    const problems: string[] = [];
    if (args.props.ha !== true) problems.push("ha is not true: set ha: true for a highly available control plane");
    if (args.props.surgeUpgrade !== true) problems.push("surgeUpgrade is not true: set it so upgrades add nodes before draining old ones");
    if (maintenance.day === undefined || maintenance.startTime === undefined) {
      problems.push("has no maintenancePolicy with a day and startTime: choose the quietest hour");
    }
    if (pool.autoScale !== true) problems.push("nodePool.autoScale is not true: enable the cluster autoscaler");
    const minNodes = pool.minNodes ?? pool.nodeCount;
    if (typeof minNodes !== "number" || minNodes < MIN_PRODUCTION_NODES) {
      problems.push(`nodePool.minNodes is ${String(minNodes)}: use at least ${MIN_PRODUCTION_NODES} so a node can be lost or drained`);
    }
    for (const problem of problems) reportViolation(`${subject} ${problem}.`);
  },
};
