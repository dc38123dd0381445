import { describe, expect, it } from "vitest";
import {
  createdClusterGatewayApi,
  DOKS_GATEWAY_CLASS,
  DOKS_GATEWAY_MIN_VERSION,
  existingClusterGatewayApi,
  kubernetesRelease,
  localClusterGatewayApi,
} from "./gateway-api";

const VERSION_REASON = (prefix: string) =>
  `cluster-base:cluster.versionPrefix is "${prefix}": DOKS's managed Gateway API needs Kubernetes 1.33 or later; set "1.33." or later`;
const VPC_NATIVE_REASON =
  "cluster-base:cluster.podNetwork and cluster.serviceNetwork are not set: DOKS's managed Gateway API needs a VPC-native cluster; " +
  "set both (VPC-native networking is chosen when a cluster is created, so this replaces the cluster)";

describe("kubernetesRelease", () => {
  it.each([
    ["1.33.1-do.0", { major: 1, minor: 33 }],
    ["1.33.", { major: 1, minor: 33 }],
    ["1.34", { major: 1, minor: 34 }],
    ["v1.32.5", { major: 1, minor: 32 }],
    [" 1.33.0-do.2 ", { major: 1, minor: 33 }],
  ])("reads %j as its release", (version, release) => {
    expect(kubernetesRelease(version)).toEqual(release);
  });

  it.each(["<known after deploy: Kubernetes version of cluster do-cluster-2b9226d>", "latest", "local", "1", "1.33x", ""])(
    "reads no release from %j",
    (version) => {
      expect(kubernetesRelease(version)).toBeUndefined();
    },
  );
});

describe("createdClusterGatewayApi (a cluster this stack creates)", () => {
  it("is DOKS's cilium class from 1.33 on, on a VPC-native cluster", () => {
    expect(DOKS_GATEWAY_CLASS).toBe("cilium");
    expect(DOKS_GATEWAY_MIN_VERSION).toEqual({ major: 1, minor: 33 });
    expect(createdClusterGatewayApi("1.33.", true)).toEqual({ available: true, gatewayClassName: "cilium" });
    expect(createdClusterGatewayApi("1.34.", true)).toEqual({ available: true, gatewayClassName: "cilium" });
    expect(createdClusterGatewayApi("2.0.", true)).toEqual({ available: true, gatewayClassName: "cilium" });
  });

  it("refuses 1.32, naming the version prefix and what to set", () => {
    expect(createdClusterGatewayApi("1.32.", true)).toEqual({ available: false, reason: VERSION_REASON("1.32.") });
    // A prefix that names no release cannot be shown to be recent enough.
    expect(createdClusterGatewayApi("latest", true)).toEqual({ available: false, reason: VERSION_REASON("latest") });
  });

  it("refuses a cluster on the overlay network, naming both network keys and that it replaces the cluster", () => {
    expect(createdClusterGatewayApi("1.33.", false)).toEqual({ available: false, reason: VPC_NATIVE_REASON });
    expect(createdClusterGatewayApi("1.34.", false)).toEqual({ available: false, reason: VPC_NATIVE_REASON });
  });

  it("gives both reasons at once, the version first", () => {
    expect(createdClusterGatewayApi("1.32.", false)).toEqual({ available: false, reason: `${VERSION_REASON("1.32.")}; ${VPC_NATIVE_REASON}` });
  });
});

describe("existingClusterGatewayApi (a cluster this stack reads)", () => {
  const cluster = { name: "degen-dev", version: "1.33.1-do.0", vpcNative: true };
  const notVpcNative =
    "cluster-base:cluster.vpcNative is not true: DOKS's managed Gateway API needs a VPC-native cluster; " +
    'set it if "degen-dev" was created with VPC-native networking (its pod network routable in the VPC), or move the environment to a cluster that cluster-base creates with podNetwork and serviceNetwork';

  it("is DOKS's cilium class on a cluster declared VPC-native, of 1.33 or later", () => {
    expect(existingClusterGatewayApi(cluster)).toEqual({ available: true, gatewayClassName: "cilium" });
    expect(existingClusterGatewayApi({ ...cluster, version: "1.34.0-do.0" })).toEqual({ available: true, gatewayClassName: "cilium" });
  });

  it("names the cluster and the version it runs, below 1.33", () => {
    expect(existingClusterGatewayApi({ ...cluster, version: "1.32.5-do.1" })).toEqual({
      available: false,
      reason: 'cluster "degen-dev" runs Kubernetes 1.32.5-do.1, and DOKS manages the Gateway API from 1.33 on: upgrade it',
    });
  });

  it("names the key that declares a cluster VPC-native, which the API cannot tell", () => {
    expect(existingClusterGatewayApi({ ...cluster, vpcNative: false })).toEqual({ available: false, reason: notVpcNative });
  });

  it("gives both reasons at once", () => {
    expect(existingClusterGatewayApi({ ...cluster, version: "1.31.9-do.0", vpcNative: false })).toEqual({
      available: false,
      reason: `${notVpcNative}; cluster "degen-dev" runs Kubernetes 1.31.9-do.0, and DOKS manages the Gateway API from 1.33 on: upgrade it`,
    });
  });

  it("says a version it cannot read (the offline plan's placeholder) is known only at deploy", () => {
    const placeholder = "<known after deploy: Kubernetes version of cluster do-cluster-2b9226d>";
    expect(existingClusterGatewayApi({ name: "do-cluster-2b9226d", version: placeholder, vpcNative: true })).toEqual({
      available: false,
      reason: `cluster "do-cluster-2b9226d" reports version "${placeholder}": its Kubernetes release is known once cluster-base reads it, at deploy`,
    });
  });
});

describe("localClusterGatewayApi (a cluster on a machine)", () => {
  it("is the class its configuration names", () => {
    expect(localClusterGatewayApi("cilium")).toEqual({ available: true, gatewayClassName: "cilium" });
    expect(localClusterGatewayApi("envoy-gateway")).toEqual({ available: true, gatewayClassName: "envoy-gateway" });
  });

  it("without one, names the key to set and the edge to keep", () => {
    const support = localClusterGatewayApi(undefined);
    expect(support).toEqual({
      available: false,
      reason:
        "cluster-base:cluster.gatewayClassName is not set: name the GatewayClass of the local cluster's Gateway API implementation " +
        '(such as "cilium"), or keep the ingress-nginx edge',
    });
    expect(localClusterGatewayApi("")).toEqual(support);
  });
});
