/**
 * The cluster's own enforcement of the deployment rules, as ValidatingAdmissionPolicies: CEL that
 * the API server evaluates on every request, with no webhook to run or keep alive. This module
 * only builds the policies' specs, so their expressions can be evaluated on their own in tests;
 * `AdmissionPolicies` declares them.
 */
import { BREAK_GLASS_GROUP, DEPLOY_IDENTITY, PIPELINE_MANAGED_NAMESPACE_LABELS } from "@platform/kubernetes";

/** What a failed check does: `deny` refuses the request, `warn` admits it with a warning to the client. */
export type Enforcement = "deny" | "warn";

/** A third-party image that tenant pods may run, pinned by digest, and why. */
export interface ThirdPartyImage {
  /** The full reference, `<repository>@sha256:<digest>`. */
  readonly image: string;
  readonly reason: string;
}

export interface AdmissionRulesArgs {
  readonly enforcement: Enforcement;
  /** The registry CI pushes the applications' images to, such as `registry.digitalocean.com/pioneer`. */
  readonly registry: string;
  /**
   * Users, besides Kubernetes' own components and service accounts, that change objects in the
   * platform's namespaces without being people: a managed cluster's own agents.
   */
  readonly trustedUsers: readonly string[];
  /** Images from outside CI that tenant pods may still run, each with its reason. */
  readonly thirdPartyImages: readonly ThirdPartyImage[];
}

/** One ValidatingAdmissionPolicy and the actions its binding takes, in the API's own shape. */
export interface AdmissionRule {
  readonly name: string;
  /** What the policy refuses, in words, for the README and the report. */
  readonly refuses: string;
  readonly spec: PolicySpec;
  readonly validationActions: readonly ("Deny" | "Warn")[];
}

export interface PolicySpec {
  readonly failurePolicy: "Fail";
  readonly matchConstraints: {
    readonly namespaceSelector: {
      readonly matchLabels?: Readonly<Record<string, string>>;
      readonly matchExpressions?: { key: string; operator: "Exists" }[];
    };
    readonly resourceRules: {
      readonly apiGroups: string[];
      readonly apiVersions: string[];
      readonly operations: string[];
      readonly resources: string[];
      readonly scope: "Namespaced" | "Cluster" | "*";
    }[];
  };
  readonly matchConditions?: NamedExpression[];
  readonly variables?: NamedExpression[];
  readonly validations: { expression: string; messageExpression: string; reason: "Forbidden" }[];
}

export interface NamedExpression {
  readonly name: string;
  readonly expression: string;
}

export const PIPELINE_ONLY = "platform-pipeline-only";
export const BREAK_GLASS = "platform-break-glass";
export const CI_IMAGES = "platform-ci-images";

/** The label that cluster-base gives each tenant namespace. */
export const TENANT_LABEL = "platform.degen.dev/tenant";

const ACTIONS = { deny: ["Deny"], warn: ["Warn"] } as const satisfies Record<Enforcement, readonly ("Deny" | "Warn")[]>;

/** Kubernetes' own components that write to any namespace: the API server, controller-manager and scheduler. */
const CONTROL_PLANE_USERS = ["system:apiserver", "system:kube-controller-manager", "system:kube-scheduler"];

const celString = (value: string) => `'${value.replace(/\\/g, "\\\\").replace(/'/g, "\\'")}'`;
const celList = (values: readonly string[]) => `[${values.map(celString).join(", ")}]`;

/**
 * Everything in the platform's namespaces, and the namespaces themselves: every resource that
 * `kubectl edit`, `apply`, `scale` or `delete` reaches. Status and other subresources stay with
 * the controllers and kubelets that own them.
 */
const PLATFORM_OBJECTS: PolicySpec["matchConstraints"] = {
  namespaceSelector: { matchLabels: PIPELINE_MANAGED_NAMESPACE_LABELS },
  resourceRules: [
    { apiGroups: ["*"], apiVersions: ["*"], operations: ["CREATE", "UPDATE", "DELETE"], resources: ["*", "*/scale"], scope: "Namespaced" },
    { apiGroups: [""], apiVersions: ["v1"], operations: ["UPDATE", "DELETE"], resources: ["namespaces"], scope: "Cluster" },
  ],
};

/** A server-side dry run (`kubectl diff`, `apply --dry-run=server`) changes nothing: people may ask what a change would do. */
const NOT_A_DRY_RUN: NamedExpression = { name: "not-a-dry-run", expression: "!(has(request.dryRun) && request.dryRun)" };

/** `<operation> <resource> <namespace>/<name>`, as the messages name the request. */
const REQUEST_IN_WORDS =
  "request.operation + ' of ' + request.resource.resource + ' ' + " +
  "(has(request.namespace) && request.namespace != '' && request.resource.resource != 'namespaces' ? request.namespace + '/' : '') + " +
  "(has(request.name) ? request.name : '')";

/** Only the deploy pipeline's identity changes what the pipeline manages; Kubernetes keeps running it. */
function pipelineOnly(args: AdmissionRulesArgs): AdmissionRule {
  return {
    name: PIPELINE_ONLY,
    refuses:
      "create, update, scale and delete of any object in the platform's namespaces (and of those namespaces) by anyone but " +
      `the pipeline's identity (group ${DEPLOY_IDENTITY.group}), Kubernetes' own components and service accounts, ` +
      `and the break-glass group ${BREAK_GLASS_GROUP}`,
    validationActions: ACTIONS[args.enforcement],
    spec: {
      failurePolicy: "Fail",
      matchConstraints: PLATFORM_OBJECTS,
      matchConditions: [NOT_A_DRY_RUN],
      variables: [
        { name: "deployer", expression: `${celString(DEPLOY_IDENTITY.group)} in request.userInfo.groups` },
        {
          // Controllers, operators and workloads act as service accounts; kubelets as nodes.
          name: "kubernetes",
          expression:
            "'system:serviceaccounts' in request.userInfo.groups || 'system:nodes' in request.userInfo.groups || " +
            `request.userInfo.username in ${celList([...CONTROL_PLANE_USERS, ...args.trustedUsers])}`,
        },
        // Admitted here and warned by the break-glass policy.
        { name: "breakGlass", expression: `${celString(BREAK_GLASS_GROUP)} in request.userInfo.groups` },
      ],
      validations: [
        {
          expression: "variables.deployer || variables.kubernetes || variables.breakGlass",
          messageExpression:
            `${REQUEST_IN_WORDS} + ' by ' + request.userInfo.username + ': objects in the platform\\'s namespaces change ` +
            "only through the deploy pipeline. Change the stack in a pull request (docs/delivery.md); in an incident, " +
            "use break-glass access (docs/runbooks/break-glass.md).'",
          reason: "Forbidden",
        },
      ],
    },
  };
}

/** Every change a break-glass identity makes is admitted, and reaches the client and the metrics as a warning. */
function breakGlass(): AdmissionRule {
  return {
    name: BREAK_GLASS,
    refuses: `nothing: it warns on, and counts, every change made in the break-glass group ${BREAK_GLASS_GROUP}`,
    validationActions: ["Warn"],
    spec: {
      failurePolicy: "Fail",
      matchConstraints: PLATFORM_OBJECTS,
      matchConditions: [NOT_A_DRY_RUN],
      validations: [
        {
          expression: `!(${celString(BREAK_GLASS_GROUP)} in request.userInfo.groups)`,
          messageExpression:
            `'break-glass: ' + ${REQUEST_IN_WORDS} + ' by ' + request.userInfo.username + ' is outside the pipeline. ` +
            "Write it back into the stack, or the next deploy reverts it (docs/runbooks/break-glass.md).'",
          reason: "Forbidden",
        },
      ],
    },
  };
}

const escapeRegex = (value: string) => value.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * An image CI built: in the platform registry, pinned by the 40-character commit SHA it was built
 * from or by digest, never by a tag that can move (RE2, as CEL's `matches` uses).
 */
export function ciImagePattern(registry: string): string {
  const repository = "[a-z0-9]+(?:[._-][a-z0-9]+)*(?:/[a-z0-9]+(?:[._-][a-z0-9]+)*)*";
  const digest = "@sha256:[0-9a-f]{64}";
  return `^${escapeRegex(registry)}/${repository}(?::[0-9a-f]{40}(?:${digest})?|${digest})$`;
}

/** Pods and every workload that makes them, in tenant namespaces, run only what CI built. */
function ciImages(args: AdmissionRulesArgs): AdmissionRule {
  const writes = ["CREATE", "UPDATE"];
  const containers = (field: string) => `(has(variables.pod.${field}) ? variables.pod.${field}.map(c, c.image) : [])`;
  return {
    name: CI_IMAGES,
    refuses:
      `pods and workloads in tenant namespaces with an image that is not from ${args.registry} by commit-SHA tag or digest, ` +
      "nor on the list of third-party images",
    validationActions: ACTIONS[args.enforcement],
    spec: {
      failurePolicy: "Fail",
      matchConstraints: {
        namespaceSelector: { matchExpressions: [{ key: TENANT_LABEL, operator: "Exists" }] },
        resourceRules: [
          // Ephemeral containers are `kubectl debug`'s way of adding an image to a running pod.
          { apiGroups: [""], apiVersions: ["v1"], operations: writes, resources: ["pods", "pods/ephemeralcontainers"], scope: "Namespaced" },
          {
            apiGroups: ["apps"],
            apiVersions: ["v1"],
            operations: writes,
            resources: ["deployments", "statefulsets", "daemonsets", "replicasets"],
            scope: "Namespaced",
          },
          { apiGroups: ["batch"], apiVersions: ["v1"], operations: writes, resources: ["jobs", "cronjobs"], scope: "Namespaced" },
        ],
      },
      variables: [
        {
          // A workload is refused when it is declared, before any pod of it is tried.
          name: "pod",
          expression:
            "object.kind == 'Pod' ? object.spec : " +
            "object.kind == 'CronJob' ? object.spec.jobTemplate.spec.template.spec : object.spec.template.spec",
        },
        {
          name: "images",
          expression: `${containers("containers")} + ${containers("initContainers")} + ${containers("ephemeralContainers")}`,
        },
        {
          name: "outside",
          expression:
            `variables.images.filter(image, !image.matches(${celString(ciImagePattern(args.registry))}) && ` +
            `!(image in ${celList(args.thirdPartyImages.map((entry) => entry.image))}))`,
        },
      ],
      validations: [
        {
          expression: "size(variables.outside) == 0",
          messageExpression:
            "object.kind + ' ' + request.namespace + '/' + " +
            "(has(object.metadata.name) ? object.metadata.name : object.metadata.generateName) + " +
            `' runs images from outside CI: ' + variables.outside.join(', ') + '. Tenant images come from ${args.registry} ` +
            "by 40-character commit-SHA tag or digest, built and promoted by CI (npm run image:promote); a third-party image " +
            "needs an entry, with its reason, in cluster-base\\'s list.'",
          reason: "Forbidden",
        },
      ],
    },
  };
}

/** The names of the platform's admission policies, in the order they are declared. */
export const RULE_NAMES = [PIPELINE_ONLY, BREAK_GLASS, CI_IMAGES] as const;

/** The platform's admission policies, in the order of RULE_NAMES. */
export function admissionRules(args: AdmissionRulesArgs): AdmissionRule[] {
  return [pipelineOnly(args), breakGlass(), ciImages(args)];
}
