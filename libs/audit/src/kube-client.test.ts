import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { ClusterUnreachableError } from "./kube-api";
import { connectKubeApi } from "./kube-client";

const KUBECONFIG = `apiVersion: v1
kind: Config
clusters: [{ name: local, cluster: { server: "https://127.0.0.1:1" } }]
users: [{ name: me, user: { token: "t" } }]
contexts: [{ name: kind-degen, context: { cluster: local, user: me } }]
current-context: kind-degen
`;

describe("connectKubeApi", () => {
  afterEach(() => vi.unstubAllEnvs());

  it("refuses to fall back to localhost without a kubeconfig, and says how to get one", () => {
    vi.stubEnv("KUBECONFIG", join(tmpdir(), "no-such-kubeconfig"));
    vi.stubEnv("KUBERNETES_SERVICE_HOST", "");
    expect(() => connectKubeApi()).toThrow(ClusterUnreachableError);
    expect(() => connectKubeApi()).toThrow(/No kubeconfig found .*doctl kubernetes cluster kubeconfig save <cluster>/);
  });

  it("names the contexts the kubeconfig has when asked for one it lacks", () => {
    const file = join(mkdtempSync(join(tmpdir(), "audit-")), "config");
    writeFileSync(file, KUBECONFIG);
    vi.stubEnv("KUBECONFIG", file);
    expect(() => connectKubeApi({ context: "do-nyc3-degen-production" })).toThrow(
      'No context "do-nyc3-degen-production" in the kubeconfig; it has: kind-degen.',
    );
    expect(connectKubeApi({ context: "kind-degen" }).description).toBe("kind-degen (https://127.0.0.1:1)");
  });
});
