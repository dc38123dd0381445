import { isSecret, mockRuntime, valueOf, type MockRuntime } from "@platform/testing";
import { beforeEach, describe, expect, it } from "vitest";
import { DoksCluster, type DoksClusterArgs } from "./doks-cluster";

const CLUSTER = "digitalocean:index/kubernetesCluster:KubernetesCluster";
const VERSIONS = "digitalocean:index/getKubernetesVersions:getKubernetesVersions";

const minimal: DoksClusterArgs = {
  name: "degen-staging",
  region: "nyc3",
  versionPrefix: "1.33.",
  nodePool: { size: "s-4vcpu-8gb", minNodes: 2, maxNodes: 4 },
  environment: "staging",
};

describe("DoksCluster", () => {
  let runtime: MockRuntime;
  beforeEach(async () => {
    runtime = await mockRuntime({
      stack: "staging",
      invokes: { [VERSIONS]: ({ versionPrefix }) => ({ latestVersion: `${String(versionPrefix)}4-do.0`, validVersions: [] }) },
      // What DigitalOcean reports: a raw kubeconfig whose token expires in 7 days, and the parts of it.
      computed: {
        [CLUSTER]: () => ({
          region: "nyc3",
          kubeConfigs: [
            {
              rawConfig: "apiVersion: v1\nusers:\n- name: admin\n  user:\n    token: dop_v1_expires_in_7_days\n",
              host: "https://6f1b2c3d.k8s.ondigitalocean.com",
              clusterCaCertificate: "LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0t",
              token: "dop_v1_expires_in_7_days",
              expiresAt: "2026-12-07T12:00:00Z",
            },
          ],
        }),
      },
    });
  });

  it("pins every documented default", async () => {
    new DoksCluster("doks", minimal);
    await runtime.settled();
    expect(runtime.one(CLUSTER).inputs).toMatchObject({
      ha: false,
      autoUpgrade: true,
      surgeUpgrade: true,
      maintenancePolicy: { day: "sunday", startTime: "04:00" },
      tags: ["platform", "staging"],
      destroyAllAssociatedResources: false,
    });
    expect(runtime.one(CLUSTER).inputs.vpcUuid).toBeUndefined();
    expect(runtime.ofType("digitalocean:index/vpc:Vpc")).toHaveLength(0);
  });

  it("resolves the newest release of the version prefix at deploy time", async () => {
    const doks = new DoksCluster("doks", minimal);
    expect(await valueOf(doks.kubernetesVersion)).toBe("1.33.4-do.0");
    expect(runtime.invoked).toContain(VERSIONS);
    await runtime.settled();
    expect(runtime.one(CLUSTER).inputs.version).toBe("1.33.4-do.0");
  });

  it("builds one autoscaling node pool within the configured bounds", async () => {
    new DoksCluster("doks", minimal);
    await runtime.settled();
    expect(runtime.one(CLUSTER).inputs.nodePool).toEqual({
      name: "degen-staging-default",
      size: "s-4vcpu-8gb",
      autoScale: true,
      minNodes: 2,
      maxNodes: 4,
      labels: { "platform.degen.dev/pool": "default" },
      tags: ["platform", "staging"],
    });
  });

  it("puts the cluster in its own VPC when given an IP range", async () => {
    new DoksCluster("doks", { ...minimal, vpcIpRange: "10.110.0.0/20" });
    await runtime.settled();
    const vpc = runtime.one("digitalocean:index/vpc:Vpc");
    expect(vpc.inputs).toEqual({ name: "degen-staging-vpc", region: "nyc3", ipRange: "10.110.0.0/20" });
    expect(runtime.one(CLUSTER).inputs.vpcUuid).toBe(`${vpc.name}-id`);
  });

  it("makes the cluster VPC-native with the pod and Service blocks it is given, an overlay network otherwise", async () => {
    new DoksCluster("doks", { ...minimal, vpcIpRange: "10.110.0.0/20", podNetwork: "10.111.0.0/16", serviceNetwork: "10.112.0.0/19" });
    new DoksCluster("overlay", { ...minimal, name: "degen-overlay" });
    await runtime.settled();
    const byName = Object.fromEntries(runtime.ofType(CLUSTER).map((cluster) => [cluster.inputs.name, cluster.inputs]));
    expect(byName["degen-staging"]).toMatchObject({ clusterSubnet: "10.111.0.0/16", serviceSubnet: "10.112.0.0/19" });
    expect([byName["degen-overlay"]!.clusterSubnet, byName["degen-overlay"]!.serviceSubnet]).toEqual([undefined, undefined]);
  });

  it("turns on the production settings it is given and de-duplicates tags", async () => {
    new DoksCluster("doks", {
      ...minimal,
      environment: "production",
      highAvailability: true,
      maintenanceWindow: { day: "tuesday", startTime: "05:00" },
      tags: ["production", "degen"],
    });
    await runtime.settled();
    expect(runtime.one(CLUSTER).inputs).toMatchObject({
      ha: true,
      maintenancePolicy: { day: "tuesday", startTime: "05:00" },
      tags: ["platform", "production", "degen"],
    });
  });

  it("publishes a kubeconfig that holds no token, so it never expires: doctl fetches a fresh one on each use", async () => {
    const doks = new DoksCluster("doks", minimal);
    expect(await isSecret(doks.kubeconfig)).toBe(true);
    const kubeconfig = await valueOf(doks.kubeconfig);
    expect(kubeconfig).not.toContain("dop_v1_expires_in_7_days");
    expect(JSON.parse(kubeconfig)).toEqual({
      apiVersion: "v1",
      kind: "Config",
      clusters: [
        {
          name: "do-nyc3-degen-staging",
          cluster: { server: "https://6f1b2c3d.k8s.ondigitalocean.com", "certificate-authority-data": "LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0t" },
        },
      ],
      users: [
        {
          name: "do-nyc3-degen-staging-admin",
          user: {
            exec: {
              apiVersion: "client.authentication.k8s.io/v1beta1",
              command: "doctl",
              args: ["kubernetes", "cluster", "kubeconfig", "exec-credential", "--version=v1beta1", "doks-cluster-id"],
              installHint: expect.stringContaining("export DIGITALOCEAN_ACCESS_TOKEN"),
              interactiveMode: "Never",
              provideClusterInfo: false,
            },
          },
        },
      ],
      contexts: [{ name: "do-nyc3-degen-staging", context: { cluster: "do-nyc3-degen-staging", user: "do-nyc3-degen-staging-admin" } }],
      "current-context": "do-nyc3-degen-staging",
    });
  });

  it("names its children after itself", async () => {
    new DoksCluster("doks", { ...minimal, vpcIpRange: "10.110.0.0/20" });
    await runtime.settled();
    expect(runtime.resources.filter((r) => r.custom).map((r) => r.name).sort()).toEqual(["doks-cluster", "doks-vpc"]);
  });
});
