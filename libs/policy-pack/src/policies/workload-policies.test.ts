import { describe, expect, it } from "vitest";
import { compliantDeployment, edit, violations } from "../testing";
import { containerResources } from "./container-resources";
import { readOnlyRootFilesystem, serviceAccountToken } from "./hardening";
import { imageSource, parseImage } from "./image-source";
import { noRawYaml } from "./no-raw-yaml";
import { podSecurityRestricted } from "./pod-security";
import { workloadProbes } from "./probes";
import { secretEnv } from "./secret-env";

const deployment = compliantDeployment();
const server = (props: any) => props.spec.template.spec.containers[0]; // eslint-disable-line @typescript-eslint/no-explicit-any
const migrate = (props: any) => props.spec.template.spec.initContainers[0]; // eslint-disable-line @typescript-eslint/no-explicit-any
const cronJob = {
  type: "kubernetes:batch/v1:CronJob",
  props: { kind: "CronJob", metadata: { name: "backup", namespace: "degenquest" }, spec: { jobTemplate: { spec: { template: { spec: { containers: [{ name: "backup", image: "busybox" }] } } } } } },
};

describe("no-raw-yaml", () => {
  it.each(["kubernetes:yaml:ConfigFile", "kubernetes:yaml:ConfigGroup", "kubernetes:yaml/v2:ConfigFile", "kubernetes:yaml/v2:ConfigGroup", "kubernetes:yaml/v3:ConfigGroup", "kubernetes:kustomize:Directory"])(
    "refuses %s",
    (type) => {
      expect(violations(noRawYaml, { type, name: "manifests", props: {} })).toEqual([
        `${type} "manifests" loads Kubernetes objects from YAML, which no review or policy can see: declare each object with the @pulumi/kubernetes classes (or a component) instead.`,
      ]);
    },
  );

  it("accepts objects declared in code", () => {
    expect(violations(noRawYaml, deployment)).toEqual([]);
  });
});

describe("image-source", () => {
  it("accepts an image of the platform registry with a commit tag or a digest", () => {
    expect(violations(imageSource, deployment)).toEqual([]);
    const pinned = edit(deployment, (p) => (server(p).image = `registry.digitalocean.com/pioneer/degen-server@sha256:${"a".repeat(64)}`));
    expect(violations(imageSource, pinned)).toEqual([]);
  });

  it("refuses an image from another registry, naming the container and the registry to use", () => {
    const docker = edit(deployment, (p) => (server(p).image = "docker.io/library/node:20.19"));
    expect(violations(imageSource, docker)).toEqual([
      'Deployment degenquest/degen-server: containers "server" uses image "docker.io/library/node:20.19" from outside the platform registry: push it through CI to registry.digitalocean.com/pioneer and use that image.',
    ]);
  });

  it("refuses latest and untagged images outside local, and the init containers' too", () => {
    const latest = edit(deployment, (p) => {
      server(p).image = "registry.digitalocean.com/pioneer/degen-server:latest";
      migrate(p).image = "registry.digitalocean.com/pioneer/degen-server";
    });
    expect(violations(imageSource, latest)).toEqual([
      'Deployment degenquest/degen-server: initContainers "migrate" uses image "registry.digitalocean.com/pioneer/degen-server" without a tag: use the immutable tag CI gave it (the source commit) or a digest (@sha256:...).',
      'Deployment degenquest/degen-server: containers "server" uses image "registry.digitalocean.com/pioneer/degen-server:latest" with the moving tag "latest": use the immutable tag CI gave it (the source commit) or a digest (@sha256:...).',
    ]);
  });

  it("accepts the local registry and any tag in local only", () => {
    const local = edit(deployment, (p) => (server(p).image = "localhost:5001/degen-server:latest"));
    expect(violations(imageSource, { ...local, stack: "local" })).toEqual([]);
    expect(violations(imageSource, { ...local, stack: "dev" })).toHaveLength(2);
  });

  it("takes the registry from the policy configuration", () => {
    const other = edit(deployment, (p) => {
      server(p).image = "registry.digitalocean.com/other/degen-server:3f2c1a9";
      migrate(p).image = "registry.digitalocean.com/other/degen-server:3f2c1a9";
    });
    expect(violations(imageSource, other, { "image-source": { registry: "registry.digitalocean.com/other" } })).toEqual([]);
  });

  it("checks CronJob pods too, and reads a registry port as no tag", () => {
    expect(violations(imageSource, cronJob)).toHaveLength(2);
    expect(parseImage("localhost:5001/app")).toEqual({});
    expect(parseImage("localhost:5001/app:1.2@sha256:abc")).toEqual({ tag: "1.2", digest: "sha256:abc" });
  });
});

describe("container-resources", () => {
  it("accepts containers with requests and a memory limit", () => {
    expect(violations(containerResources, deployment)).toEqual([]);
  });

  it("names every missing setting of every container, init containers included", () => {
    const bare = edit(deployment, (p) => {
      delete server(p).resources.limits;
      migrate(p).resources = { requests: { memory: "64Mi" } };
    });
    expect(violations(containerResources, bare)).toEqual([
      'Deployment degenquest/degen-server: initContainers "migrate" has no resources.requests.cpu, resources.limits.memory: set them so the scheduler places the pod on a node with room and a memory leak stops at the container.',
      'Deployment degenquest/degen-server: containers "server" has no resources.limits.memory: set them so the scheduler places the pod on a node with room and a memory leak stops at the container.',
    ]);
  });
});

describe("workload-probes", () => {
  it("accepts probes on declared ports, by name or number", () => {
    expect(violations(workloadProbes, deployment)).toEqual([]);
  });

  it("refuses a missing probe and a probe on an undeclared port", () => {
    const broken = edit(deployment, (p) => {
      delete server(p).livenessProbe;
      server(p).readinessProbe = { tcpSocket: { port: 9999 } };
    });
    expect(violations(workloadProbes, broken)).toEqual([
      'Deployment degenquest/degen-server: container "server" readinessProbe calls port 9999, which the container does not declare: probe a port listed in its ports (by number or name).',
      'Deployment degenquest/degen-server: container "server" has no livenessProbe: add one so that a hung process is restarted.',
    ]);
  });

  it("leaves Jobs and init containers without probes alone", () => {
    expect(violations(workloadProbes, cronJob)).toEqual([]);
  });
});

describe("pod-security-restricted", () => {
  it("accepts the restricted profile set on the pod and the containers", () => {
    expect(violations(podSecurityRestricted, deployment)).toEqual([]);
  });

  it("refuses host namespaces, privilege, root, missing seccomp, kept capabilities and host volumes", () => {
    const loose = edit(deployment, (p) => {
      const spec = p.spec.template.spec;
      spec.hostNetwork = true;
      spec.securityContext = { runAsUser: 0 };
      spec.volumes.push({ name: "docker", hostPath: { path: "/var/run/docker.sock" } });
      spec.initContainers = [];
      server(p).securityContext = { privileged: true, capabilities: { drop: ["NET_RAW"], add: ["SYS_ADMIN", "NET_BIND_SERVICE"] } };
      server(p).ports.push({ containerPort: 80, hostPort: 80 });
    });
    const where = 'Deployment degenquest/degen-server: containers "server"';
    expect(violations(podSecurityRestricted, loose)).toEqual([
      "Deployment degenquest/degen-server: hostNetwork is true: remove it; pods never share the node's namespaces.",
      `Deployment degenquest/degen-server: volume "docker" is of type hostPath: use one of configMap, csi, downwardAPI, emptyDir, ephemeral, persistentVolumeClaim, projected, secret.`,
      "Deployment degenquest/degen-server: securityContext.runAsUser is 0 (root): use a non-zero user id.",
      `${where} privileged is true: remove it.`,
      `${where} allowPrivilegeEscalation is not false: set it to false.`,
      `${where} runAsNonRoot is not true (on the container or the pod): set it to true.`,
      `${where} seccompProfile.type is undefined: set RuntimeDefault (or Localhost) on the pod or the container.`,
      `${where} capabilities.drop does not include "ALL": drop ALL.`,
      `${where} capabilities.add has SYS_ADMIN: only NET_BIND_SERVICE may be added.`,
      `${where} uses a hostPort: expose it through a Service instead.`,
    ]);
  });

  it("lets a container's own settings override the pod's", () => {
    const rootContainer = edit(deployment, (p) => (server(p).securityContext.runAsNonRoot = false));
    expect(violations(podSecurityRestricted, rootContainer)).toEqual([
      'Deployment degenquest/degen-server: containers "server" runAsNonRoot is not true (on the container or the pod): set it to true.',
    ]);
  });
});

describe("read-only-root-filesystem", () => {
  it("accepts read-only containers and refuses a writable one", () => {
    expect(violations(readOnlyRootFilesystem, deployment)).toEqual([]);
    const writable = edit(deployment, (p) => delete migrate(p).securityContext.readOnlyRootFilesystem);
    expect(violations(readOnlyRootFilesystem, writable)).toEqual([
      'Deployment degenquest/degen-server: initContainers "migrate" has a writable root filesystem: set securityContext.readOnlyRootFilesystem to true and mount an emptyDir (or a volume) where it must write.',
    ]);
  });
});

describe("service-account-token", () => {
  it("accepts no token, or a token with a service account of the workload's own", () => {
    expect(violations(serviceAccountToken, deployment)).toEqual([]);
    const operator = edit(deployment, (p) => Object.assign(p.spec.template.spec, { automountServiceAccountToken: true, serviceAccountName: "degen-operator" }));
    expect(violations(serviceAccountToken, operator)).toEqual([]);
  });

  it("refuses the default token, and a token for the default account", () => {
    const unset = edit(deployment, (p) => delete p.spec.template.spec.automountServiceAccountToken);
    const defaultAccount = edit(deployment, (p) => (p.spec.template.spec.automountServiceAccountToken = true));
    expect(violations(serviceAccountToken, unset)).toEqual([
      "Deployment degenquest/degen-server: automountServiceAccountToken is undefined: set it to false, or, when the workload needs the Kubernetes API, to true together with a serviceAccountName of its own (bound to only the roles it needs).",
    ]);
    expect(violations(serviceAccountToken, defaultAccount)).toHaveLength(1);
  });
});

describe("secret-env", () => {
  it("accepts sensitive names read from a Secret and plain settings as literals", () => {
    expect(violations(secretEnv, deployment)).toEqual([]);
  });

  it.each(["DB_PASSWORD", "OPENAI_API_KEY", "JWT_SECRET", "DISCORD_TOKEN", "DATABASE_URL", "AWS_SECRET_ACCESS_KEY"])("refuses a literal %s", (name) => {
    const literal = edit(deployment, (p) => server(p).env.push({ name, value: "hunter2" }));
    expect(violations(secretEnv, literal)).toEqual([
      `Deployment degenquest/degen-server: containers "server" sets ${name} from a literal value: put the value in a Secret (from a Pulumi secret) and read it with valueFrom.secretKeyRef.`,
    ]);
  });

  it("refuses a sensitive name read from a ConfigMap", () => {
    const fromConfigMap = edit(deployment, (p) => server(p).env.push({ name: "API_KEY", valueFrom: { configMapKeyRef: { name: "c", key: "k" } } }));
    expect(violations(secretEnv, fromConfigMap)[0]).toContain("sets API_KEY from a source other than a Secret");
  });
});

describe("pods that an operator builds from a custom resource", () => {
  const kibana = {
    type: "kubernetes:kibana.k8s.elastic.co/v1:Kibana",
    props: {
      apiVersion: "kibana.k8s.elastic.co/v1",
      kind: "Kibana",
      metadata: { name: "kibana", namespace: "logging" },
      spec: { podTemplate: { spec: { containers: [{ name: "kibana", securityContext: { readOnlyRootFilesystem: true } }] } } },
    },
  };

  it("get the container, security and secret rules, on each pod template of the resource", () => {
    expect(violations(containerResources, kibana)).toEqual([
      'Kibana logging/kibana spec.podTemplate: containers "kibana" has no resources.requests.cpu, resources.requests.memory, resources.limits.memory: set them so the scheduler places the pod on a node with room and a memory leak stops at the container.',
    ]);
    expect(violations(serviceAccountToken, kibana)).toEqual([
      "Kibana logging/kibana spec.podTemplate: automountServiceAccountToken is undefined: set it to false, or, when the workload needs the Kubernetes API, to true together with a serviceAccountName of its own (bound to only the roles it needs).",
    ]);
    // The container sets only readOnlyRootFilesystem: every other restricted control is missing.
    expect(violations(podSecurityRestricted, kibana)).toEqual([
      'Kibana logging/kibana spec.podTemplate: containers "kibana" allowPrivilegeEscalation is not false: set it to false.',
      'Kibana logging/kibana spec.podTemplate: containers "kibana" runAsNonRoot is not true (on the container or the pod): set it to true.',
      'Kibana logging/kibana spec.podTemplate: containers "kibana" seccompProfile.type is undefined: set RuntimeDefault (or Localhost) on the pod or the container.',
      'Kibana logging/kibana spec.podTemplate: containers "kibana" capabilities.drop does not include "ALL": drop ALL.',
    ]);
    expect(violations(readOnlyRootFilesystem, kibana)).toEqual([]);
  });

  it("leave the image, the probes and the labels to the operator", () => {
    expect(violations(imageSource, kibana)).toEqual([]);
    expect(violations(workloadProbes, kibana)).toEqual([]);
  });
});
