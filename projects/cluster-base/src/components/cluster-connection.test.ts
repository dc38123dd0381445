import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { isSecret, mockRuntime, valueOf } from "@platform/testing";
import { describe, expect, it } from "vitest";
import { connectCluster } from "./cluster-connection";

const GET_CLUSTER = "digitalocean:index/getKubernetesCluster:getKubernetesCluster";

describe("connectCluster", () => {
  it("reaches an existing cluster with a kubeconfig that holds no token: doctl fetches one per use", async () => {
    await mockRuntime({
      stack: "dev",
      invokes: {
        [GET_CLUSTER]: ({ name }) => ({
          id: "0c7e4f2a-9d51-4b8e-a3c6-5f1d2e8b7a90",
          name,
          region: "ams3",
          version: "1.33.4-do.0",
          kubeConfigs: [{ host: "https://0c7e4f2a.k8s.ondigitalocean.com", clusterCaCertificate: "Q0EtZGF0YQ==", token: "dop_v1_expires_in_7_days" }],
        }),
      },
    });
    const connection = connectCluster({ mode: "existing", name: "degen-dev", vpcNative: false }, "dev");
    expect(await isSecret(connection.kubeconfig)).toBe(true);
    const kubeconfig = JSON.parse(await valueOf(connection.kubeconfig));
    expect(kubeconfig["current-context"]).toBe("do-ams3-degen-dev");
    expect(kubeconfig.clusters).toEqual([
      { name: "do-ams3-degen-dev", cluster: { server: "https://0c7e4f2a.k8s.ondigitalocean.com", "certificate-authority-data": "Q0EtZGF0YQ==" } },
    ]);
    expect(kubeconfig.users[0].user.exec.args).toEqual(["kubernetes", "cluster", "kubeconfig", "exec-credential", "--version=v1beta1", "0c7e4f2a-9d51-4b8e-a3c6-5f1d2e8b7a90"]);
    expect(JSON.stringify(kubeconfig)).not.toContain("dop_v1");
    expect(await valueOf(connection.clusterName)).toBe("degen-dev");

    // The stacks' kubeconfig is the same one, impersonating the pipeline's identity.
    expect(await isSecret(connection.deployKubeconfig)).toBe(true);
    const deploy = JSON.parse(await valueOf(connection.deployKubeconfig));
    expect(deploy).toEqual({
      ...kubeconfig,
      users: [{ ...kubeconfig.users[0], user: { ...kubeconfig.users[0].user, as: "platform:deployer", "as-groups": ["platform:deployers"] } }],
    });
  });

  it("reaches a local cluster through the machine's kubeconfig file and the context named, and deploys as the pipeline", async () => {
    const dir = mkdtempSync(join(tmpdir(), "connection-"));
    const file = join(dir, "config");
    const cluster = { name: "kind-degen", cluster: { server: "https://127.0.0.1:6443", "certificate-authority-data": "Q0E=" } };
    const user = { name: "kind-degen", user: { "client-certificate-data": "Y2VydA==", "client-key-data": "a2V5" } };
    writeFileSync(file, JSON.stringify({ clusters: [cluster], users: [user], contexts: [{ name: "kind-degen", context: { cluster: "kind-degen", user: "kind-degen" } }] }));
    process.env.KUBECONFIG = file;
    await mockRuntime({ stack: "local" });

    const connection = connectCluster({ mode: "local", context: "kind-degen" }, "local");
    expect(await valueOf(connection.kubeconfig)).toBe("");
    expect(connection.kubeContext).toBe("kind-degen");
    expect(await isSecret(connection.deployKubeconfig)).toBe(true);
    expect(JSON.parse(await valueOf(connection.deployKubeconfig))).toEqual({
      apiVersion: "v1",
      kind: "Config",
      clusters: [cluster],
      users: [{ name: "kind-degen", user: { ...user.user, as: "platform:deployer", "as-groups": ["platform:deployers"] } }],
      contexts: [{ name: "kind-degen", context: { cluster: "kind-degen", user: "kind-degen" } }],
      "current-context": "kind-degen",
    });
  });

  it("decides an existing cluster's Gateway API support from the version it reads and the networking its config declares", async () => {
    const reads: Record<string, Record<string, unknown>> = {
      "degen-vpc-native": { version: "1.33.4-do.0", clusterSubnet: "10.111.0.0/16" },
      "degen-old": { version: "1.32.5-do.1", clusterSubnet: "10.111.0.0/16" },
      // An overlay cluster: the API reports DOKS's default pod network for it too.
      "degen-overlay": { version: "1.33.4-do.0", clusterSubnet: "10.244.0.0/16" },
    };
    await mockRuntime({
      stack: "dev",
      invokes: {
        [GET_CLUSTER]: ({ name }) => ({
          id: `${String(name)}-id`,
          name,
          region: "ams3",
          ...reads[String(name)],
          kubeConfigs: [{ host: "https://example.k8s.ondigitalocean.com", clusterCaCertificate: "Q0E=", token: "t" }],
        }),
      },
    });
    const support = (name: string, vpcNative = true) => valueOf(connectCluster({ mode: "existing", name, vpcNative }, "dev").gatewayApi);
    expect(await support("degen-vpc-native")).toEqual({ available: true, gatewayClassName: "cilium" });
    expect(await support("degen-old")).toEqual({
      available: false,
      reason: 'cluster "degen-old" runs Kubernetes 1.32.5-do.1, and DOKS manages the Gateway API from 1.33 on: upgrade it',
    });
    expect(await support("degen-overlay", false)).toEqual({
      available: false,
      reason: expect.stringMatching(/^cluster-base:cluster\.vpcNative is not true: DOKS's managed Gateway API needs a VPC-native cluster; set it if "degen-overlay" was created/),
    });
  });

  it("takes a local cluster's Gateway API support from its configuration", async () => {
    const dir = mkdtempSync(join(tmpdir(), "connection-"));
    const file = join(dir, "config");
    const context = { name: "kind-degen", context: { cluster: "kind-degen", user: "kind-degen" } };
    writeFileSync(file, JSON.stringify({ clusters: [{ name: "kind-degen", cluster: { server: "https://127.0.0.1:6443" } }], users: [{ name: "kind-degen", user: {} }], contexts: [context] }));
    process.env.KUBECONFIG = file;
    await mockRuntime({ stack: "local" });
    const withClass = connectCluster({ mode: "local", context: "kind-degen", gatewayClassName: "cilium" }, "local");
    expect(await valueOf(withClass.gatewayApi)).toEqual({ available: true, gatewayClassName: "cilium" });
    const without = connectCluster({ mode: "local", context: "kind-degen" }, "local");
    expect(await valueOf(without.gatewayApi)).toMatchObject({ available: false, reason: expect.stringContaining("cluster-base:cluster.gatewayClassName is not set") });
  });
});
