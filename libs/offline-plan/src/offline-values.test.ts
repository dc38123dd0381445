import { describe, expect, it } from "vitest";
import { localContextsOf, standInKubeconfig } from "./offline-values";

describe("stand-ins for a local cluster's kubeconfig", () => {
  it("finds every context that a `{ mode: local }` setting names, and nothing else", () => {
    const config = {
      "cluster-base:cluster": JSON.stringify({ mode: "local", context: "kind-degen" }),
      "cluster-base:registry": JSON.stringify({ mode: "local", server: "localhost:5001" }),
      "other:cluster": JSON.stringify({ mode: "existing", name: "degen-dev", context: "ignored" }),
      "other:plain": "local",
      "other:broken": "{ not json",
      "again:cluster": JSON.stringify({ mode: "local", context: "kind-degen" }),
      "e2e:cluster": JSON.stringify({ mode: "local", context: "platform-e2e" }),
    };
    expect(localContextsOf(config)).toEqual(["kind-degen", "platform-e2e"]);
  });

  it("writes a kubeconfig in which each context reaches a marked stand-in, never a real address", () => {
    expect(JSON.parse(standInKubeconfig(["kind-degen"]))).toEqual({
      apiVersion: "v1",
      kind: "Config",
      clusters: [{ name: "kind-degen", cluster: { server: "https://kind-degen.offline-plan.invalid" } }],
      users: [{ name: "kind-degen", user: { token: "<known after deploy: credentials of kind-degen>" } }],
      contexts: [{ name: "kind-degen", context: { cluster: "kind-degen", user: "kind-degen" } }],
    });
  });
});
