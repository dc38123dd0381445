import { describe, expect, it } from "vitest";
import { criticalChanges, parseUrn, stackChanges } from "./changes";
import { previewFixture } from "./fixtures";
import { parsePreviewDigest } from "./preview-json";

describe("stackChanges", () => {
  it("counts a replacement once although Pulumi reports it as three steps", () => {
    const changes = stackChanges(previewFixture("cluster-replacement.production"));
    expect(changes.counts).toEqual({ create: 0, update: 1, replace: 2, delete: 0, import: 0 });
    const cluster = changes.changes.find((change) => change.name === "doks-cluster");
    expect(cluster).toEqual({
      kind: "replace",
      urn: "urn:pulumi:production::cluster-base::platform:cluster-base:DoksCluster$digitalocean:index/kubernetesCluster:KubernetesCluster::doks-cluster",
      type: "digitalocean:index/kubernetesCluster:KubernetesCluster",
      name: "doks-cluster",
      reasons: ["region", "vpcUuid"],
    });
  });

  it("ignores resources that stay the same", () => {
    const changes = stackChanges(previewFixture("no-op.dev"));
    expect(changes.changes).toEqual([]);
    expect(changes.counts).toEqual({ create: 0, update: 0, replace: 0, delete: 0, import: 0 });
  });

  it("reads creates, updates with their diff reasons and deletes", () => {
    const changes = stackChanges(previewFixture("app-update.dev"));
    expect(changes.changes.map((change) => [change.kind, change.type, change.name, change.reasons])).toEqual([
      ["update", "kubernetes:apps/v1:Deployment", "degenquest-deployment", ["spec"]],
      ["create", "kubernetes:policy/v1:PodDisruptionBudget", "degenquest-pdb", []],
      ["delete", "kubernetes:core/v1:ConfigMap", "degenquest-legacy-env", []],
    ]);
  });

  it("keeps error diagnostics and leaves warnings out", () => {
    expect(stackChanges(previewFixture("app-update.dev")).errors).toEqual([]);
    // What the real CLI prints: the policy's own message is only in the event log.
    expect(stackChanges(previewFixture("policy-failure.staging")).errors).toEqual(["preview failed"]);
  });
});

describe("criticalChanges", () => {
  it("finds the replacement of the DOKS cluster and nothing else", () => {
    const critical = criticalChanges(stackChanges(previewFixture("cluster-replacement.production")));
    expect(critical.map((change) => change.name)).toEqual(["doks-cluster"]);
  });

  it("flags the deletion of the cluster too", () => {
    const digest = parsePreviewDigest(
      JSON.stringify({ steps: [{ op: "delete", urn: "urn:pulumi:dev::cluster-base::digitalocean:index/kubernetesCluster:KubernetesCluster::doks-cluster" }] }),
      "inline",
    );
    expect(criticalChanges(stackChanges(digest)).map((change) => change.kind)).toEqual(["delete"]);
  });

  it("does not flag an in-place update of the cluster", () => {
    const digest = parsePreviewDigest(
      JSON.stringify({ steps: [{ op: "update", urn: "urn:pulumi:dev::cluster-base::digitalocean:index/kubernetesCluster:KubernetesCluster::doks-cluster", diffReasons: ["version"] }] }),
      "inline",
    );
    expect(criticalChanges(stackChanges(digest))).toEqual([]);
  });
});

describe("parseUrn", () => {
  it("takes the resource's own type from a nested type chain", () => {
    expect(parseUrn("urn:pulumi:dev::degenquest::platform:service:Service$kubernetes:apps/v1:Deployment::degenquest-deployment")).toEqual({
      type: "kubernetes:apps/v1:Deployment",
      name: "degenquest-deployment",
    });
  });
});

describe("parsePreviewDigest", () => {
  it("names the source and shows the start of output that is not JSON", () => {
    expect(() => parsePreviewDigest("error: no stack named 'dev' found", "previews/dev/degenquest.json")).toThrow(
      'previews/dev/degenquest.json is not the JSON of `pulumi preview --json`: it starts with "error: no stack named \'dev\' found"',
    );
  });

  it("refuses a step without an op", () => {
    expect(() => parsePreviewDigest(JSON.stringify({ steps: [{ urn: "urn:x" }] }), "preview.json")).toThrow(/steps\.0\.op/);
  });
});
