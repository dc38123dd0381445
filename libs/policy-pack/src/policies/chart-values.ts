import { chartReleaseOf, valuesPath, walkValues, type ChartRelease, type ValueNode } from "../helm";
import { asArray, asRecord, isProduction, isUnknown, type ReportViolation, type ResourcePolicy, type ResourceValidationArgs } from "../resource";

function validateReleases(
  check: (release: ChartRelease, args: ResourceValidationArgs, reportViolation: ReportViolation) => void,
): ResourcePolicy["validateResource"] {
  return (args, reportViolation) => {
    const release = chartReleaseOf(args.type, args.name, args.props);
    if (release !== undefined) check(release, args, reportViolation);
  };
}

const EXACT_VERSION = /^v?\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/;

export const chartPinned: ResourcePolicy = {
  name: "chart-pinned",
  description: "Third-party charts come from a named repository at an exact version, so an upgrade is a reviewed change.",
  enforcementLevel: "mandatory",
  validateResource: validateReleases((release, _args, reportViolation) => {
    if (typeof release.version !== "string" || !(EXACT_VERSION.test(release.version) || release.version.startsWith("pinned"))) {
      reportViolation(`${release.subject}: version is ${JSON.stringify(release.version)}: pin an exact chart version such as "1.2.3".`);
    }
    if (release.repository === undefined) {
      reportViolation(`${release.subject} has no repositoryOpts.repo: name the chart's repository.`);
    }
  }),
};

const RESOURCE_SETTINGS = [
  ["requests", "cpu"],
  ["requests", "memory"],
  ["limits", "memory"],
] as const;

/** A claim's `resources` (`requests.storage`) sizes a volume, not a container. */
function isVolumeClaim(node: ValueNode): boolean {
  return node.parent.accessModes !== undefined || asRecord(asRecord(node.value).requests).storage !== undefined;
}

export const chartResources: ResourcePolicy = {
  name: "chart-resources",
  description: "Every resources block passed to a third-party chart requests CPU and memory and limits memory; there is at least one.",
  enforcementLevel: "mandatory",
  validateResource: validateReleases((release, _args, reportViolation) => {
    const blocks = walkValues(release.values).filter((node) => node.key === "resources" && typeof node.value === "object" && !isVolumeClaim(node));
    if (blocks.length === 0) {
      reportViolation(
        `${release.subject} sets no resources in its values: set requests.cpu, requests.memory and limits.memory for each of its components.`,
      );
    }
    for (const block of blocks) {
      const resources = asRecord(block.value);
      const missing = RESOURCE_SETTINGS.filter(([group, key]) => asRecord(resources[group])[key] === undefined);
      if (missing.length === 0) continue;
      reportViolation(
        `${release.subject}: ${valuesPath(block.path)} has no ${missing.map(([g, k]) => `${g}.${k}`).join(", ")}: set them.`,
      );
    }
  }),
};

// Fields that only one level of security context has, by the Kubernetes API.
const CONTAINER_ONLY = ["allowPrivilegeEscalation", "capabilities", "privileged", "readOnlyRootFilesystem", "procMount"];
const POD_ONLY = ["fsGroup", "fsGroupChangePolicy", "supplementalGroups", "supplementalGroupsPolicy", "sysctls"];

/**
 * Whether a security context in chart values is a pod's or a container's. Charts name them
 * differently: `podSecurityContext` + `securityContext` (metrics-server), `securityContext` +
 * `containerSecurityContext` (cert-manager), or a pod's `securityContext` inside a custom
 * resource's spec (kube-prometheus-stack's `prometheusSpec`). The fields decide when they can;
 * then a `securityContext` beside a `containerSecurityContext` is the pod's.
 */
export function securityContextLevel(node: ValueNode): "pod" | "container" | undefined {
  if (typeof node.value !== "object" || node.value === null || Array.isArray(node.value)) return undefined;
  if (node.key === "podSecurityContext") return "pod";
  if (node.key === "containerSecurityContext") return "container";
  if (node.key !== "securityContext") return undefined;
  const fields = Object.keys(node.value);
  if (fields.some((field) => CONTAINER_ONLY.includes(field))) return "container";
  if (fields.some((field) => POD_ONLY.includes(field))) return "pod";
  return node.parent.containerSecurityContext !== undefined ? "pod" : "container";
}

export const chartSecurityContext: ResourcePolicy = {
  name: "chart-security-context",
  description:
    "Values passed to a third-party chart set a restricted container security context (no privilege escalation, " +
    "ALL capabilities dropped, read-only root filesystem) and never ask for privileged, root or extra capabilities.",
  enforcementLevel: "mandatory",
  validateResource: validateReleases((release, _args, reportViolation) => {
    const nodes = walkValues(release.values);
    const containerContexts = nodes.filter((node) => securityContextLevel(node) === "container");
    const podContexts = nodes.filter((node) => securityContextLevel(node) === "pod");
    if (containerContexts.length === 0) {
      reportViolation(
        `${release.subject} sets no container security context in its values: set allowPrivilegeEscalation: false, ` +
          'capabilities.drop: ["ALL"], readOnlyRootFilesystem: true and runAsNonRoot: true for each component.',
      );
    }
    for (const node of containerContexts) {
      const context = asRecord(node.value);
      const at = `${release.subject}: ${valuesPath(node.path)}`;
      if (context.privileged === true) reportViolation(`${at}.privileged is true: remove it.`);
      if (context.allowPrivilegeEscalation !== false) reportViolation(`${at}.allowPrivilegeEscalation is not false: set it to false.`);
      if (!asArray(asRecord(context.capabilities).drop).includes("ALL")) reportViolation(`${at}.capabilities.drop lacks "ALL": drop ALL.`);
      const added = asArray(asRecord(context.capabilities).add).filter((capability) => capability !== "NET_BIND_SERVICE");
      if (added.length > 0) reportViolation(`${at}.capabilities.add has ${added.join(", ")}: only NET_BIND_SERVICE may be added.`);
      if (context.readOnlyRootFilesystem !== true) reportViolation(`${at}.readOnlyRootFilesystem is not true: set it to true.`);
    }
    for (const node of [...containerContexts, ...podContexts]) {
      const context = asRecord(node.value);
      const at = `${release.subject}: ${valuesPath(node.path)}`;
      if (context.runAsUser === 0) reportViolation(`${at}.runAsUser is 0 (root): use a non-zero user id.`);
      if (context.runAsNonRoot === false) reportViolation(`${at}.runAsNonRoot is false: set it to true.`);
    }
  }),
};

const REPLICA_KEYS = ["replicas", "replicaCount"];
const BUDGET_KEYS = ["podDisruptionBudget", "pdb"];
export const MIN_PRODUCTION_REPLICAS = 2;

interface ChartBudget {
  /** Where the budget is set, for messages. */
  readonly path: string;
  readonly settings: Record<string, unknown>;
}

/**
 * The disruption budget of the component whose replica count this is. Charts put it beside the
 * count (`podDisruptionBudget`, `pdb`), inline (ingress-nginx's `controller.minAvailable`), or
 * one level up, beside the custom resource's spec (kube-prometheus-stack's
 * `prometheus.podDisruptionBudget` for `prometheus.prometheusSpec.replicas`).
 */
export function chartBudgetFor(count: ValueNode): ChartBudget | undefined {
  const beside = (holder: { path: string; value: Record<string, unknown> }): ChartBudget | undefined => {
    const key = BUDGET_KEYS.find((candidate) => holder.value[candidate] !== undefined);
    return key === undefined ? undefined : { path: holder.path ? `${holder.path}.${key}` : key, settings: asRecord(holder.value[key]) };
  };
  const own = beside({ path: count.parentPath, value: count.parent });
  if (own !== undefined) return own;
  const { minAvailable, maxUnavailable } = count.parent;
  if (minAvailable !== undefined || maxUnavailable !== undefined) return { path: count.parentPath, settings: { minAvailable, maxUnavailable } };
  const [holder] = count.ancestors;
  return /Spec$/.test(count.parentPath) && holder !== undefined ? beside(holder) : undefined;
}

/** What is wrong with a chart's disruption budget: off, or letting no pod go during a drain. */
function budgetProblem(budget: Record<string, unknown>, replicas: number): string | undefined {
  if (budget.enabled === false) return "is disabled";
  const minAvailable = budget.minAvailable;
  if (typeof minAvailable === "number" && replicas - minAvailable < 1) return `keeps minAvailable ${minAvailable} of ${replicas} replicas, so drains block`;
  if (budget.maxUnavailable === 0 || budget.maxUnavailable === "0%") return "allows no disruption, so drains block";
  return undefined;
}

export const chartAvailability: ResourcePolicy = {
  name: "chart-availability",
  description:
    `In production, every replica count passed to a third-party chart is at least ${MIN_PRODUCTION_REPLICAS}, ` +
    "with an enabled disruption budget that allows one disruption; a chart sets at least one.",
  enforcementLevel: "mandatory",
  validateResource: validateReleases((release, args, reportViolation) => {
    if (!isProduction(args.urn)) return;
    const counts = walkValues(release.values).filter((node) => REPLICA_KEYS.includes(node.key) && !isUnknown(node.value));
    if (counts.length === 0) {
      reportViolation(
        `${release.subject} sets no replica count in production: set replicas (at least ${MIN_PRODUCTION_REPLICAS}) and a disruption budget for each component.`,
      );
    }
    for (const count of counts) {
      const at = `${release.subject}: ${valuesPath(count.path)}`;
      if (typeof count.value !== "number" || count.value < MIN_PRODUCTION_REPLICAS) {
        reportViolation(`${at} is ${JSON.stringify(count.value)} in production: use at least ${MIN_PRODUCTION_REPLICAS} so a node loss or drain keeps it serving.`);
        continue;
      }
      const budget = chartBudgetFor(count);
      if (budget === undefined) {
        reportViolation(`${at} is ${count.value} without a disruption budget: set ${valuesPath(count.parentPath)}.podDisruptionBudget (enabled, minAvailable: ${Number(count.value) - 1}), or the chart's own budget setting; a chart that defaults minAvailable writes both keys if maxUnavailable is added, which the API server refuses.`);
        continue;
      }
      const problem = budgetProblem(budget.settings, count.value);
      if (problem !== undefined) reportViolation(`${release.subject}: ${valuesPath(budget.path)} ${problem}: enable it with minAvailable below the replica count.`);
    }
  }),
};

const EXPOSED_SERVICE_TYPES = ["LoadBalancer", "NodePort"];

export const chartServiceExposure: ResourcePolicy = {
  name: "chart-service-exposure",
  description: "Values passed to a third-party chart create no LoadBalancer or NodePort Service, except the ingress controller's.",
  enforcementLevel: "mandatory",
  validateResource: validateReleases((release, _args, reportViolation) => {
    for (const node of walkValues(release.values)) {
      if (!/service$/i.test(node.key)) continue;
      const type = asRecord(node.value).type;
      if (typeof type !== "string" || !EXPOSED_SERVICE_TYPES.includes(type)) continue;
      reportViolation(
        `${release.subject}: ${valuesPath(node.path)}.type is ${type}, which exposes it outside the cluster: use ClusterIP behind an Ingress.`,
      );
    }
  }),
};
