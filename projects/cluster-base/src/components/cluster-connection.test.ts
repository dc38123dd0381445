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
  });

  it("reaches a local cluster through the machine's kubeconfig file and the context named", async () => {
    await mockRuntime({ stack: "local" });
    const connection = connectCluster({ mode: "local", context: "kind-degen" }, "local");
    expect(await valueOf(connection.kubeconfig)).toBe("");
    expect(connection.kubeContext).toBe("kind-degen");
  });
});
