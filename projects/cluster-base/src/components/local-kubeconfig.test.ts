import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { kubeconfigFiles, localKubeconfig } from "./local-kubeconfig";

function kubeconfigIn(dir: string, name: string, document: Record<string, unknown>): string {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, name);
  writeFileSync(file, stringify(document));
  return file;
}

const context = (name: string, cluster: string, user: string) => ({ name, context: { cluster, user } });

describe("localKubeconfig", () => {
  it("reads KUBECONFIG's files as kubectl does: the first to name an entry wins, relative paths resolved against its file", () => {
    const root = mkdtempSync(join(tmpdir(), "local-kubeconfig-"));
    const first = kubeconfigIn(join(root, "a"), "config", {
      contexts: [context("kind-degen", "kind", "kind-admin")],
      users: [{ name: "kind-admin", user: { "client-certificate": "certs/admin.crt", "client-key": "/abs/admin.key" } }],
    });
    const second = kubeconfigIn(join(root, "b"), "config", {
      contexts: [context("kind-degen", "elsewhere", "someone")],
      clusters: [{ name: "kind", cluster: { server: "https://127.0.0.1:6443", "certificate-authority": "ca.crt" } }],
      users: [{ name: "kind-admin", user: { token: "shadowed" } }],
    });

    expect(localKubeconfig("kind-degen", { KUBECONFIG: [first, join(root, "missing"), second].join(delimiter) })).toEqual({
      apiVersion: "v1",
      kind: "Config",
      clusters: [{ name: "kind", cluster: { server: "https://127.0.0.1:6443", "certificate-authority": join(root, "b", "ca.crt") } }],
      users: [{ name: "kind-admin", user: { "client-certificate": join(root, "a", "certs", "admin.crt"), "client-key": "/abs/admin.key" } }],
      contexts: [context("kind-degen", "kind", "kind-admin")],
      "current-context": "kind-degen",
    });
  });

  it("reads ~/.kube/config when KUBECONFIG is unset or empty", () => {
    expect(kubeconfigFiles({ HOME: "/home/dev" })).toEqual(["/home/dev/.kube/config"]);
    expect(kubeconfigFiles({ HOME: "/home/dev", KUBECONFIG: "" })).toEqual(["/home/dev/.kube/config"]);
  });

  it("names the key, the files read and the contexts there when the context is missing", () => {
    const file = kubeconfigIn(mkdtempSync(join(tmpdir(), "local-kubeconfig-")), "config", {
      contexts: [context("minikube", "minikube", "minikube"), context("k3d-degen", "k3d", "k3d")],
    });
    expect(() => localKubeconfig("kind-degen", { KUBECONFIG: file })).toThrow(
      `cluster-base:cluster.context is "kind-degen", which no kubeconfig on this machine names (read ${file}; contexts there: ` +
        "minikube, k3d-degen). Create the local cluster first (kind create cluster --name degen makes kind-degen), or set the key to one of those contexts.",
    );
    expect(() => localKubeconfig("kind-degen", { KUBECONFIG: join(tmpdir(), "no-such-kubeconfig") })).toThrow("contexts there: none");
    // A RunError: Pulumi prints the message alone, no stack trace.
    expect(() => localKubeconfig("kind-degen", { KUBECONFIG: file })).toThrow(pulumi.RunError);
  });

  it("says which entry a context names that no file has", () => {
    const file = kubeconfigIn(mkdtempSync(join(tmpdir(), "local-kubeconfig-")), "config", { contexts: [context("kind-degen", "kind", "kind-admin")] });
    expect(() => localKubeconfig("kind-degen", { KUBECONFIG: file })).toThrow(
      `cluster-base:cluster.context "kind-degen" (in ${file}) names cluster "kind", which no kubeconfig on this machine has`,
    );
  });
});
