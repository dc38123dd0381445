import { describe, expect, it } from "vitest";
import { autoscaler, claim, compliantBudget, compliantDeployment, edit, stackViolations, violations, type Target } from "../testing";
import { allowedDisruptions, disruptionBudget } from "./disruption-budget";
import { ingressTls } from "./ingress-tls";
import { recommendedLabels } from "./labels";
import { productionCluster } from "./production-cluster";
import { serviceExposure } from "./service-exposure";
import { sharedVolume } from "./shared-volume";
import { storageClass } from "./storage-class";

const deployment = compliantDeployment();

const service = (type: string): Target => ({
  type: "kubernetes:core/v1:Service",
  props: { apiVersion: "v1", kind: "Service", metadata: { name: "degen-server", namespace: "degenquest" }, spec: { type, ports: [{ port: 80 }] } },
});

const ingress: Target = {
  type: "kubernetes:networking.k8s.io/v1:Ingress",
  props: {
    apiVersion: "networking.k8s.io/v1",
    kind: "Ingress",
    metadata: { name: "degen-server", namespace: "degenquest" },
    spec: {
      ingressClassName: "nginx",
      tls: [{ hosts: ["play.degen.dev"], secretName: "degen-server-tls" }],
      rules: [{ host: "play.degen.dev" }],
    },
  },
};

describe("disruption-budget", () => {
  it("accepts a replicated workload with a budget that allows a disruption, and a single replica without one", () => {
    expect(stackViolations(disruptionBudget, [deployment, compliantBudget()])).toEqual([]);
    expect(stackViolations(disruptionBudget, [compliantDeployment(1)])).toEqual([]);
  });

  it("refuses a replicated workload without a budget, on the workload's URN", () => {
    expect(stackViolations(disruptionBudget, [deployment])).toEqual([
      {
        message:
          "Deployment degenquest/degen-server runs 2 replicas without a PodDisruptionBudget: add one whose selector matches its pod labels, with maxUnavailable: 1.",
        urn: "urn:pulumi:dev::degenquest::kubernetes:apps/v1:Deployment::degen-server",
      },
    ]);
  });

  it("refuses an autoscaled single replica without a budget", () => {
    expect(stackViolations(disruptionBudget, [compliantDeployment(1), autoscaler(1, 3)]).map((v) => v.message)).toEqual([
      "Deployment degenquest/degen-server runs 1-3 replicas (autoscaled) without a PodDisruptionBudget: add one whose selector matches its pod labels, with maxUnavailable: 1.",
    ]);
  });

  it("refuses a budget that blocks drains at the autoscaler's minimum", () => {
    const found = stackViolations(disruptionBudget, [deployment, compliantBudget({ minAvailable: 2 }), autoscaler(2, 5)]);
    expect(found.map((v) => v.message)).toEqual([
      "Deployment degenquest/degen-server: its PodDisruptionBudget degen-server-pdb allows 0 disruptions at 2 replica(s) (the autoscaler's minReplicas), so node drains block: use maxUnavailable: 1 or raise minReplicas above minAvailable.",
    ]);
  });

  it("refuses autoscaler bounds that contradict each other", () => {
    expect(stackViolations(disruptionBudget, [deployment, compliantBudget(), autoscaler(4, 2)]).map((v) => v.message)).toEqual([
      "Deployment degenquest/degen-server: its HorizontalPodAutoscaler has maxReplicas 2 below minReplicas 4: raise maxReplicas.",
    ]);
  });

  it("does not count a budget whose selector misses the pods", () => {
    const elsewhere = edit(compliantBudget(), (p) => (p.spec.selector.matchLabels = { "app.kubernetes.io/name": "other" }));
    expect(stackViolations(disruptionBudget, [deployment, elsewhere])).toHaveLength(1);
  });

  it("reads budgets the way the disruption controller does", () => {
    expect(allowedDisruptions({ maxUnavailable: "25%" }, 2)).toBe(1);
    expect(allowedDisruptions({ minAvailable: "50%" }, 3)).toBe(1);
    expect(allowedDisruptions({ minAvailable: "100%" }, 3)).toBe(0);
    expect(allowedDisruptions({ minAvailable: 1 }, 1)).toBe(0);
  });
});

describe("read-write-once-sharing", () => {
  const mounting = (replicas: number, name = "degen-server") =>
    edit(compliantDeployment(replicas), (p) => {
      p.metadata.name = name;
      p.spec.template.spec.volumes.push({ name: "data", persistentVolumeClaim: { claimName: "degen-data" } });
    }, { name });

  it("accepts a ReadWriteOnce claim mounted by one single-replica workload", () => {
    expect(stackViolations(sharedVolume, [claim(), mounting(1)])).toEqual([]);
  });

  it("accepts a ReadWriteMany claim shared by replicas", () => {
    expect(stackViolations(sharedVolume, [claim(["ReadWriteMany"]), mounting(3)])).toEqual([]);
  });

  it("refuses a ReadWriteOnce volume shared by two replicas", () => {
    expect(stackViolations(sharedVolume, [claim(), mounting(2)]).map((v) => v.message)).toEqual([
      "PersistentVolumeClaim degenquest/degen-data (ReadWriteOnce) is mounted by Deployment degenquest/degen-server, which runs up to 2 replicas: use 1 replica, a StatefulSet with volumeClaimTemplates, or a ReadWriteMany class.",
    ]);
  });

  it("refuses a ReadWriteOnce volume mounted by two workloads, and one whose autoscaler can add replicas", () => {
    const found = stackViolations(sharedVolume, [claim(), mounting(1), mounting(1, "degen-worker"), autoscaler(1, 3)]);
    expect(found.map((v) => v.message)).toEqual([
      "PersistentVolumeClaim degenquest/degen-data (ReadWriteOnce) is mounted by Deployment degenquest/degen-server and Deployment degenquest/degen-worker: give each its own claim, or use a ReadWriteMany class.",
      "PersistentVolumeClaim degenquest/degen-data (ReadWriteOnce) is mounted by Deployment degenquest/degen-server, which runs up to 3 replicas: use 1 replica, a StatefulSet with volumeClaimTemplates, or a ReadWriteMany class.",
    ]);
  });
});

describe("service-exposure", () => {
  it.each(["ClusterIP", "ExternalName"])("accepts a %s Service", (type) => {
    expect(violations(serviceExposure, service(type))).toEqual([]);
  });

  it.each(["LoadBalancer", "NodePort"])("refuses a %s Service", (type) => {
    expect(violations(serviceExposure, service(type))).toEqual([
      `Service degenquest/degen-server is of type ${type}, which exposes it outside the cluster: use a ClusterIP Service behind an Ingress of the platform's ingress class.`,
    ]);
  });
});

describe("ingress-tls", () => {
  it("accepts an Ingress with a class and TLS for every host", () => {
    expect(violations(ingressTls, ingress)).toEqual([]);
  });

  it("refuses an Ingress without a class or TLS", () => {
    const bare = edit(ingress, (p) => (p.spec = { rules: [{ host: "play.degen.dev" }] }));
    expect(violations(ingressTls, bare)).toEqual([
      "Ingress degenquest/degen-server has no spec.ingressClassName: set it to the networking stack's ingressClassName.",
      "Ingress degenquest/degen-server has no spec.tls: add a tls entry with its hosts and a secretName, issued by the networking stack's clusterIssuer.",
    ]);
  });

  it("refuses a host that no tls entry covers and a tls entry without a secret", () => {
    const partial = edit(ingress, (p) => {
      p.spec.rules.push({ host: "admin.degen.dev" });
      delete p.spec.tls[0].secretName;
    });
    expect(violations(ingressTls, partial)).toEqual([
      "Ingress degenquest/degen-server: a tls entry has no secretName: name the Secret that cert-manager fills.",
      'Ingress degenquest/degen-server: host "admin.degen.dev" is not in any tls entry: add it to spec.tls[].hosts.',
    ]);
  });
});

describe("storage-class", () => {
  it("accepts DigitalOcean block storage everywhere and the local classes only in local", () => {
    expect(violations(storageClass, claim())).toEqual([]);
    expect(violations(storageClass, { ...claim(["ReadWriteOnce"], "standard"), stack: "local" })).toEqual([]);
    expect(violations(storageClass, { ...claim(["ReadWriteOnce"], "standard"), stack: "dev" })).toEqual([
      'PersistentVolumeClaim degenquest/degen-data: spec.storageClassName is "standard": name one of do-block-storage, do-block-storage-retain, do-block-storage-xfs, do-block-storage-xfs-retain (the cluster-base stack\'s storageClass output).',
    ]);
  });

  it("refuses a claim that leaves the class to the cluster's default, and checks StatefulSet claim templates", () => {
    expect(violations(storageClass, edit(claim(), (p) => delete p.spec.storageClassName))[0]).toContain("spec.storageClassName is undefined");
    const statefulSet: Target = {
      type: "kubernetes:apps/v1:StatefulSet",
      props: { kind: "StatefulSet", metadata: { name: "db" }, spec: { volumeClaimTemplates: [{ metadata: { name: "data" }, spec: { storageClassName: "gp2" } }] } },
    };
    expect(violations(storageClass, statefulSet)).toEqual([
      'StatefulSet db: volumeClaimTemplates "data" storageClassName is "gp2": name one of do-block-storage, do-block-storage-retain, do-block-storage-xfs, do-block-storage-xfs-retain (the cluster-base stack\'s storageClass output).',
    ]);
  });
});

describe("recommended-labels", () => {
  it("accepts a workload labelled on itself and on its pods", () => {
    expect(violations(recommendedLabels, deployment)).toEqual([]);
  });

  it("asks only managed-by of an object that belongs to no application", () => {
    const quota: Target = { type: "kubernetes:core/v1:ResourceQuota", props: { kind: "ResourceQuota", metadata: { name: "q", labels: { "app.kubernetes.io/managed-by": "pulumi" } } } };
    expect(violations(recommendedLabels, quota)).toEqual([]);
    expect(violations(recommendedLabels, edit(quota, (p) => (p.metadata.labels = {})))).toEqual([
      "ResourceQuota q lacks the labels app.kubernetes.io/managed-by: pulumi: add them to metadata.labels.",
    ]);
  });

  it("asks no labels of a patch, which sets only the fields it names on an object someone else owns", () => {
    const patch: Target = {
      type: "kubernetes:core/v1:PersistentVolumeClaimPatch",
      props: { kind: "PersistentVolumeClaim", metadata: { name: "data-degen-server-0", namespace: "degenquest" }, spec: { resources: { requests: { storage: "20Gi" } } } },
    };
    expect(violations(recommendedLabels, patch)).toEqual([]);
    const claim: Target = { ...patch, type: "kubernetes:core/v1:PersistentVolumeClaim" };
    expect(violations(recommendedLabels, claim)).toEqual([
      "PersistentVolumeClaim degenquest/data-degen-server-0 lacks the labels app.kubernetes.io/managed-by: pulumi, app.kubernetes.io/name, app.kubernetes.io/instance or app.kubernetes.io/part-of: add them to metadata.labels.",
    ]);
  });

  it("refuses an application object and pods without name and instance or part-of", () => {
    const unlabelled = edit(deployment, (p) => {
      p.metadata.labels = { "app.kubernetes.io/managed-by": "pulumi" };
      p.spec.template.metadata.labels = { "app.kubernetes.io/part-of": "degenquest" };
    });
    expect(violations(recommendedLabels, unlabelled)).toEqual([
      "Deployment degenquest/degen-server lacks the labels app.kubernetes.io/name, app.kubernetes.io/instance or app.kubernetes.io/part-of: add them to metadata.labels.",
      "Deployment degenquest/degen-server: its pods lack the labels app.kubernetes.io/name: add them to the pod template's labels.",
    ]);
  });
});

describe("production-cluster", () => {
  const cluster: Target = {
    type: "digitalocean:index/kubernetesCluster:KubernetesCluster",
    name: "doks-cluster",
    stack: "production",
    project: "cluster-base",
    props: {
      name: "degen-production",
      ha: true,
      surgeUpgrade: true,
      maintenancePolicy: { day: "sunday", startTime: "05:00" },
      nodePool: { autoScale: true, minNodes: 3, maxNodes: 8 },
    },
  };

  it("accepts a highly available, autoscaling production cluster", () => {
    expect(violations(productionCluster, cluster)).toEqual([]);
  });

  it("refuses every missing safeguard at once in production", () => {
    const fragile = edit(cluster, (p) => Object.assign(p, { ha: false, surgeUpgrade: undefined, maintenancePolicy: undefined, nodePool: { nodeCount: 1 } }));
    expect(violations(productionCluster, fragile)).toEqual([
      'DOKS cluster "degen-production" ha is not true: set ha: true for a highly available control plane.',
      'DOKS cluster "degen-production" surgeUpgrade is not true: set it so upgrades add nodes before draining old ones.',
      'DOKS cluster "degen-production" has no maintenancePolicy with a day and startTime: choose the quietest hour.',
      'DOKS cluster "degen-production" nodePool.autoScale is not true: enable the cluster autoscaler.',
      'DOKS cluster "degen-production" nodePool.minNodes is 1: use at least 2 so a node can be lost or drained.',
    ]);
  });

  it("leaves staging's smaller cluster alone", () => {
    expect(violations(productionCluster, { ...edit(cluster, (p) => (p.ha = false)), stack: "staging" })).toEqual([]);
  });
});
