import { PUBLIC_ROUTES_LABEL } from "@platform/kubernetes";
import { mockRuntime, valueOf, type MockRuntime } from "@platform/testing";
import { beforeEach, describe, expect, it } from "vitest";
import { CERTIFICATE_SECRET, LISTENERS, PublicGateway, publicGatewayArgsProblems, publicGatewaySpec, type PublicGatewayArgs } from "./public-gateway";

const GATEWAY = "kubernetes:gateway.networking.k8s.io/v1:Gateway";
const ROUTE = "kubernetes:gateway.networking.k8s.io/v1:HTTPRoute";
const NAMESPACE = "kubernetes:core/v1:Namespace";
const GET_LOAD_BALANCER = "digitalocean:index/getLoadBalancer:getLoadBalancer";
const LB_NAME = "service.beta.kubernetes.io/do-loadbalancer-name";
const LB_SIZE = "service.beta.kubernetes.io/do-loadbalancer-size-unit";

const onMachine: PublicGatewayArgs = {
  gatewayClassName: "cilium",
  domain: "staging.degenquest.gg",
  clusterIssuer: "letsencrypt-production",
};
const onDigitalOcean: PublicGatewayArgs = { ...onMachine, loadBalancer: { name: "degen-staging-gateway" } };

/**
 * What every HTTPS listener admits: HTTPRoutes, from the namespaces that carry the label which
 * only the pipeline sets (cluster-base's tenant namespaces, observability's), and nothing else.
 */
const TENANT_ROUTES = {
  namespaces: { from: "Selector", selector: { matchLabels: { "platform.degen.dev/public-routes": "allowed" } } },
  kinds: [{ group: "gateway.networking.k8s.io", kind: "HTTPRoute" }],
};
const TLS = { mode: "Terminate", certificateRefs: [{ kind: "Secret", group: "", name: "public-edge-tls" }] };

describe("PublicGateway", () => {
  let runtime: MockRuntime;
  beforeEach(async () => {
    runtime = await mockRuntime({
      stack: "staging",
      invokes: { [GET_LOAD_BALANCER]: (inputs) => ({ name: inputs.name, ip: "203.0.113.20" }) },
    });
  });

  const gateway = () => runtime.one(GATEWAY).inputs;

  it("puts Gateway public in its own restricted namespace, on the cluster's GatewayClass", async () => {
    const component = new PublicGateway("edge", onMachine);
    expect(component.gatewayName).toBe("public");
    expect(await valueOf(component.namespace)).toBe("gateway");
    await runtime.settled();
    const namespace = runtime.one(NAMESPACE).inputs.metadata;
    expect(namespace.name).toBe("gateway");
    expect(namespace.labels).toMatchObject({ "pod-security.kubernetes.io/enforce": "restricted" });
    expect(gateway()).toMatchObject({
      apiVersion: "gateway.networking.k8s.io/v1",
      kind: "Gateway",
      metadata: { name: "public", namespace: "gateway", labels: { "app.kubernetes.io/managed-by": "pulumi" } },
    });
    expect(gateway().spec.gatewayClassName).toBe("cilium");
  });

  it("listens for HTTP, and HTTPS for the domain and every name under it, with one certificate", async () => {
    new PublicGateway("edge", onMachine);
    await runtime.settled();
    expect(gateway().spec.listeners).toEqual([
      // Plain HTTP takes only the redirect that lives beside the Gateway.
      { name: "http", protocol: "HTTP", port: 80, allowedRoutes: { namespaces: { from: "Same" } } },
      { name: "https", protocol: "HTTPS", port: 443, hostname: "staging.degenquest.gg", tls: TLS, allowedRoutes: TENANT_ROUTES },
      { name: "https-wildcard", protocol: "HTTPS", port: 443, hostname: "*.staging.degenquest.gg", tls: TLS, allowedRoutes: TENANT_ROUTES },
    ]);
    expect(CERTIFICATE_SECRET).toBe("public-edge-tls");
    expect(LISTENERS).toEqual({ http: "http", https: "https", httpsWildcard: "https-wildcard" });
  });

  it("asks cert-manager for the listeners' certificate from the issuer it names", async () => {
    new PublicGateway("edge", { ...onMachine, clusterIssuer: "selfsigned" });
    await runtime.settled();
    expect(gateway().metadata.annotations).toEqual({ "cert-manager.io/cluster-issuer": "selfsigned" });
  });

  it("redirects plain HTTP to HTTPS with a 301, from a route on the HTTP listener only", async () => {
    new PublicGateway("edge", onMachine);
    await runtime.settled();
    expect(runtime.one(ROUTE).inputs).toMatchObject({
      apiVersion: "gateway.networking.k8s.io/v1",
      kind: "HTTPRoute",
      metadata: { name: "https-redirect", namespace: "gateway" },
      spec: {
        parentRefs: [{ name: "public", sectionName: "http" }],
        rules: [{ filters: [{ type: "RequestRedirect", requestRedirect: { scheme: "https", statusCode: 301 } }] }],
      },
    });
    // No hostnames and no backends: every name on port 80 gets the redirect, and nothing else.
    expect(runtime.one(ROUTE).inputs.spec.hostnames).toBeUndefined();
    expect(runtime.one(ROUTE).inputs.spec.rules[0].backendRefs).toBeUndefined();
  });

  it("has no cloud load balancer on a machine: no infrastructure annotations, no address, no wait", async () => {
    const component = new PublicGateway("edge", onMachine);
    expect(await valueOf(component.address)).toBe("");
    await runtime.settled();
    expect(gateway().spec.infrastructure).toBeUndefined();
    expect(gateway().metadata.annotations["pulumi.com/waitFor"]).toBeUndefined();
    expect(runtime.invoked).not.toContain(GET_LOAD_BALANCER);
  });

  it("names and sizes DigitalOcean's load balancer through the Gateway's infrastructure, and publishes its IP", async () => {
    const component = new PublicGateway("edge", onDigitalOcean);
    expect(await valueOf(component.address)).toBe("203.0.113.20");
    await runtime.settled();
    expect(gateway().spec.infrastructure).toEqual({ annotations: { [LB_NAME]: "degen-staging-gateway", [LB_SIZE]: "1" } });
    // The deploy waits for the load balancer's address before anything reads it.
    expect(gateway().metadata.annotations).toEqual({
      "cert-manager.io/cluster-issuer": "letsencrypt-production",
      "pulumi.com/waitFor": "jsonpath={.status.addresses[0].value}",
    });
    expect(runtime.invoked).toContain(GET_LOAD_BALANCER);
  });

  it("passes the size units it is given", async () => {
    new PublicGateway("edge", { ...onMachine, loadBalancer: { name: "degen-production-gateway", sizeUnits: 3 } });
    await runtime.settled();
    expect(gateway().spec.infrastructure.annotations).toEqual({ [LB_NAME]: "degen-production-gateway", [LB_SIZE]: "3" });
  });

  it("takes another Gateway name and namespace, and the redirect follows them", async () => {
    const component = new PublicGateway("edge", { ...onMachine, gatewayName: "edge", namespace: "edge-system" });
    expect(component.gatewayName).toBe("edge");
    expect(await valueOf(component.namespace)).toBe("edge-system");
    await runtime.settled();
    expect(gateway().metadata).toMatchObject({ name: "edge", namespace: "edge-system" });
    expect(runtime.one(ROUTE).inputs.metadata.namespace).toBe("edge-system");
    expect(runtime.one(ROUTE).inputs.spec.parentRefs).toEqual([{ name: "edge", sectionName: "http" }]);
  });

  it("reports every bad argument at once, and refuses to build", () => {
    expect(publicGatewayArgsProblems({ domain: "Staging_DegenQuest.gg", loadBalancer: { name: "lb", sizeUnits: 0 } })).toEqual([
      'domain is "Staging_DegenQuest.gg": expected a domain name such as "degenquest.gg"',
      "loadBalancer.sizeUnits is 0: expected a whole number from 1 to 100",
    ]);
    expect(publicGatewayArgsProblems({ ...onMachine, loadBalancer: { name: "lb", sizeUnits: 1.5 } })).toEqual([
      "loadBalancer.sizeUnits is 1.5: expected a whole number from 1 to 100",
    ]);
    expect(publicGatewayArgsProblems({ ...onMachine, loadBalancer: { name: "lb", sizeUnits: 101 } })).toEqual([
      "loadBalancer.sizeUnits is 101: expected a whole number from 1 to 100",
    ]);
    expect(publicGatewayArgsProblems({ ...onMachine, domain: "*.degenquest.gg" })).toEqual([
      'domain is "*.degenquest.gg": expected a domain name such as "degenquest.gg"',
    ]);
    expect(publicGatewayArgsProblems(onDigitalOcean)).toEqual([]);
    expect(publicGatewayArgsProblems({ ...onMachine, domain: "localtest.me" })).toEqual([]);
    expect(() => new PublicGateway("bad", { ...onMachine, domain: "*.degenquest.gg", loadBalancer: { name: "lb", sizeUnits: 0 } })).toThrow(
      'PublicGateway bad:\n  - domain is "*.degenquest.gg": expected a domain name such as "degenquest.gg"\n' +
        "  - loadBalancer.sizeUnits is 0: expected a whole number from 1 to 100",
    );
  });
});

describe("publicGatewaySpec", () => {
  it("admits routes only from the namespaces the pipeline labels for them, on both HTTPS listeners", () => {
    const spec = publicGatewaySpec(onMachine);
    expect(spec.listeners.filter((listener) => listener.protocol === "HTTPS").map((listener) => listener.allowedRoutes)).toEqual([
      TENANT_ROUTES,
      TENANT_ROUTES,
    ]);
    // The label that cluster-base puts on every tenant namespace.
    expect(PUBLIC_ROUTES_LABEL).toEqual({ "platform.degen.dev/public-routes": "allowed" });
    expect("infrastructure" in spec).toBe(false);
  });
});
