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
    const connection = connectCluster({ mode: "existing", name: "degen-dev" }, "dev");
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
});
