import { restrictedContainerSecurity } from "@platform/kubernetes";
import * as digitalocean from "@pulumi/digitalocean";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { platformNamespace } from "./namespace";

/** Chart pinned so that an upgrade is a reviewed change, never a surprise on the next deploy. */
export const INGRESS_NGINX_CHART = {
  chart: "ingress-nginx",
  version: "4.15.1",
  repository: "https://kubernetes.github.io/ingress-nginx",
} as const;

const RELEASE_NAME = "ingress-nginx";
export const METRICS_PORT = 10254;
/** What a local cluster's published host ports answer on (kind maps them to the machine's localhost). */
export const LOCAL_ADDRESS = "127.0.0.1";

/** Labels the chart gives the controller's pods, for network policies and scraping. */
export const CONTROLLER_POD_LABELS: Readonly<Record<string, string>> = {
  "app.kubernetes.io/name": "ingress-nginx",
  "app.kubernetes.io/instance": RELEASE_NAME,
  "app.kubernetes.io/component": "controller",
};

/** DigitalOcean cloud-controller annotations on the controller's Service. */
export const DO_ANNOTATIONS = {
  name: "service.beta.kubernetes.io/do-loadbalancer-name",
  hostname: "service.beta.kubernetes.io/do-loadbalancer-hostname",
  proxyProtocol: "service.beta.kubernetes.io/do-loadbalancer-enable-proxy-protocol",
  sizeUnit: "service.beta.kubernetes.io/do-loadbalancer-size-unit",
} as const;

/** Where the ingress controller runs and how to reach it, whoever installed it. */
export interface IngressController {
  readonly namespace: pulumi.Output<string>;
  readonly ingressClassName: string;
  readonly podLabels: Readonly<Record<string, string>>;
  readonly metricsPort: number;
  /** Public address of its load balancer; empty where this stack did not install it. */
  readonly address: pulumi.Output<string>;
}

/**
 * An ingress-nginx that the cluster already runs, installed the standard way (class `nginx`,
 * namespace `ingress-nginx`, the chart's pod labels): this stack creates nothing for it.
 */
export function preinstalledIngressNginx(): IngressController {
  return {
    namespace: pulumi.output("ingress-nginx"),
    ingressClassName: "nginx",
    podLabels: CONTROLLER_POD_LABELS,
    metricsPort: METRICS_PORT,
    address: pulumi.output(""),
  };
}

export interface ContainerResources {
  readonly cpuRequest: string;
  readonly memoryRequest: string;
  readonly cpuLimit: string;
  readonly memoryLimit: string;
}

export interface DigitalOceanLoadBalancer {
  /** Name of the load balancer, by which its public address is looked up once it exists. */
  readonly name: pulumi.Input<string>;
  /**
   * A name that resolves to the load balancer. The load balancer reports it instead of its IP, so
   * that pods calling a public host (cert-manager's HTTP-01 self-check among them) go out through
   * the load balancer and arrive with the PROXY protocol header nginx expects.
   */
  readonly hostname: string;
  /** PROXY protocol on the load balancer and in nginx, together. @default true */
  readonly proxyProtocol?: boolean;
  /** Load balancer size units (1-100). @default 1 */
  readonly sizeUnits?: number;
}

export interface IngressNginxArgs {
  /**
   * The DigitalOcean load balancer in front of the controller.
   * @default none: host ports 80 and 443 on the node labelled `ingress-ready=true`, for kind
   */
  readonly loadBalancer?: DigitalOceanLoadBalancer;
  /** @default 1; 2 or more are spread across nodes and get a disruption budget */
  readonly replicas?: number;
  /** @default 100m CPU and 128Mi requested, 1 CPU and 512Mi limit */
  readonly resources?: ContainerResources;
  /** @default "nginx" */
  readonly ingressClassName?: string;
  /** @default "ingress-nginx" */
  readonly namespace?: string;
}

/** Every problem with the args at once, each naming the arg, the value and the fix. */
export function ingressNginxArgsProblems(args: IngressNginxArgs): string[] {
  const problems: string[] = [];
  const replicas = args.replicas ?? 1;
  if (!Number.isInteger(replicas) || replicas < 1) {
    problems.push(`replicas is ${replicas}: expected a whole number of at least 1`);
  }
  const sizeUnits = args.loadBalancer?.sizeUnits;
  if (sizeUnits !== undefined && (!Number.isInteger(sizeUnits) || sizeUnits < 1 || sizeUnits > 100)) {
    problems.push(`loadBalancer.sizeUnits is ${sizeUnits}: expected a whole number from 1 to 100`);
  }
  if (args.loadBalancer && args.loadBalancer.hostname.trim() === "") {
    problems.push('loadBalancer.hostname is empty: expected the environment\'s domain, such as "dev.degenquest.gg"');
  }
  return problems;
}

/**
 * ingress-nginx, the one public entry to the cluster: behind a DigitalOcean load balancer, or on a
 * local node's ports 80 and 443. Metrics are exposed for the observability layer to scrape.
 */
export class IngressNginx extends pulumi.ComponentResource implements IngressController {
  readonly release: k8s.helm.v3.Release;
  readonly namespace: pulumi.Output<string>;
  readonly ingressClassName: string;
  readonly podLabels = CONTROLLER_POD_LABELS;
  readonly metricsPort = METRICS_PORT;
  /** Public IP of the load balancer, or the local address. */
  readonly address: pulumi.Output<string>;

  constructor(name: string, args: IngressNginxArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:networking:IngressNginx", name, {}, opts);
    const problems = ingressNginxArgsProblems(args);
    if (problems.length > 0) throw new pulumi.ResourceError(`IngressNginx ${name}:\n  - ${problems.join("\n  - ")}`, this);
    const replicas = args.replicas ?? 1;
    const resources = args.resources ?? { cpuRequest: "100m", memoryRequest: "128Mi", cpuLimit: "1", memoryLimit: "512Mi" };
    this.ingressClassName = args.ingressClassName ?? "nginx";
    const lb = args.loadBalancer;
    const proxyProtocol = lb ? (lb.proxyProtocol ?? true) : false;

    // Host ports are outside every Pod Security Standard but `privileged`; that is the local
    // cluster's price for reaching the controller on localhost:80 and :443.
    const namespace = platformNamespace(`${name}-namespace`, args.namespace ?? "ingress-nginx", lb ? "restricted" : "privileged", {
      parent: this,
    });
    this.namespace = namespace.metadata.name;

    this.release = new k8s.helm.v3.Release(
      name,
      {
        name: RELEASE_NAME,
        namespace: this.namespace,
        chart: INGRESS_NGINX_CHART.chart,
        version: INGRESS_NGINX_CHART.version,
        repositoryOpts: { repo: INGRESS_NGINX_CHART.repository },
        atomic: true,
        // Helm waits for the load balancer to get its address before the release counts as ready.
        timeout: 900,
        values: {
          controller: {
            replicaCount: replicas,
            ...(replicas > 1 ? spreadAcrossNodes() : {}),
            resources: {
              requests: { cpu: resources.cpuRequest, memory: resources.memoryRequest },
              limits: { cpu: resources.cpuLimit, memory: resources.memoryLimit },
            },
            containerSecurityContext: CONTROLLER_SECURITY_CONTEXT,
            ingressClass: this.ingressClassName,
            ingressClassResource: { name: this.ingressClassName, enabled: true, default: false, controllerValue: "k8s.io/ingress-nginx" },
            watchIngressWithoutClass: false,
            allowSnippetAnnotations: false,
            config: proxyProtocol ? { "use-proxy-protocol": "true" } : {},
            metrics: {
              enabled: true,
              port: METRICS_PORT,
              // Scraping is configured by the observability layer, which owns Prometheus.
              serviceMonitor: { enabled: false },
              prometheusRule: { enabled: false },
            },
            admissionWebhooks: {
              createSecretJob: { resources: WEBHOOK_JOB_RESOURCES },
              patchWebhookJob: { resources: WEBHOOK_JOB_RESOURCES },
            },
            ...(lb ? loadBalancerValues(lb, proxyProtocol) : hostPortValues()),
          },
          defaultBackend: { enabled: false },
        },
      },
      { parent: this },
    );

    this.address = lb
      ? digitalocean.getLoadBalancerOutput({ name: lb.name }, { parent: this, dependsOn: [this.release] }).ip
      : pulumi.output(LOCAL_ADDRESS);

    this.registerOutputs({ namespace: this.namespace, address: this.address, status: this.release.status });
  }
}

const WEBHOOK_JOB_RESOURCES = { requests: { cpu: "10m", memory: "32Mi" }, limits: { cpu: "100m", memory: "64Mi" } };

/**
 * The restricted standard as the controller image's user and group (the chart's own). nginx
 * rewrites its configuration under /etc/nginx at runtime, which the controller image ships in
 * place, so its root filesystem cannot be read-only; NET_BIND_SERVICE lets it listen on 80 and
 * 443 without root.
 */
const CONTROLLER_SECURITY_CONTEXT = restrictedContainerSecurity({
  runAsUser: 101,
  runAsGroup: 82,
  capabilities: { drop: ["ALL"], add: ["NET_BIND_SERVICE"] },
  readOnlyRootFilesystem: false,
});

/** One controller per node at most, and a disruption budget (the chart renders it above 1 replica). */
function spreadAcrossNodes() {
  return {
    // A drain takes one controller at a time; the chart reads this key for its disruption budget.
    maxUnavailable: 1,
    topologySpreadConstraints: [
      {
        maxSkew: 1,
        topologyKey: "kubernetes.io/hostname",
        whenUnsatisfiable: "DoNotSchedule",
        labelSelector: { matchLabels: CONTROLLER_POD_LABELS },
        matchLabelKeys: ["pod-template-hash"],
      },
    ],
    affinity: {
      podAntiAffinity: {
        preferredDuringSchedulingIgnoredDuringExecution: [
          {
            weight: 100,
            podAffinityTerm: { topologyKey: "kubernetes.io/hostname", labelSelector: { matchLabels: CONTROLLER_POD_LABELS } },
          },
        ],
      },
    },
  };
}

function loadBalancerValues(lb: DigitalOceanLoadBalancer, proxyProtocol: boolean) {
  return {
    publishService: { enabled: true },
    service: {
      type: "LoadBalancer",
      annotations: {
        [DO_ANNOTATIONS.name]: lb.name,
        [DO_ANNOTATIONS.hostname]: lb.hostname,
        [DO_ANNOTATIONS.sizeUnit]: String(lb.sizeUnits ?? 1),
        ...(proxyProtocol ? { [DO_ANNOTATIONS.proxyProtocol]: "true" } : {}),
      },
    },
  };
}

/**
 * kind has no load balancer: its config maps the machine's ports 80 and 443 to a node labelled
 * `ingress-ready=true`, where the controller listens on host ports. NodePorts would need the
 * random 30000+ ports mapped instead, and URLs would carry them.
 */
function hostPortValues() {
  return {
    hostPort: { enabled: true, ports: { http: 80, https: 443 } },
    service: { type: "ClusterIP" },
    publishService: { enabled: false },
    extraArgs: { "publish-status-address": LOCAL_ADDRESS },
    nodeSelector: { "kubernetes.io/os": "linux", "ingress-ready": "true" },
    tolerations: [
      { key: "node-role.kubernetes.io/control-plane", operator: "Equal", effect: "NoSchedule" },
    ],
    // The new pod cannot bind the host ports while the old one holds them.
    updateStrategy: { type: "RollingUpdate", rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } },
  };
}
