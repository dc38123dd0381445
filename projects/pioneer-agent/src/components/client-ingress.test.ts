import { mockRuntime, valueOf, type MockRuntime } from "@platform/testing";
import * as pulumi from "@pulumi/pulumi";
import { beforeEach, describe, expect, it } from "vitest";
import { ClientIngress, clientIngressArgProblems, type ClientIngressArgs } from "./client-ingress";

const INGRESS = "kubernetes:networking.k8s.io/v1:Ingress";
const POLICY = "kubernetes:networking.k8s.io/v1:NetworkPolicy";
const selectorLabels = { "app.kubernetes.io/name": "pioneer-agent", "app.kubernetes.io/instance": "pioneer-agent" };

function args(overrides: Partial<ClientIngressArgs> = {}): ClientIngressArgs {
  return {
    service: {
      namespace: pulumi.output("pioneer-agent"),
      serviceName: "pioneer-agent",
      selectorLabels,
      host: pulumi.output("pioneer.dev.degenquest.gg"),
    },
    networking: {
      ingressClassName: pulumi.output("nginx"),
      clusterIssuer: pulumi.output("letsencrypt-staging"),
      ingressControllerNamespace: pulumi.output("ingress-nginx"),
      ingressControllerPodLabels: pulumi.output<Readonly<Record<string, string>>>({ "app.kubernetes.io/name": "ingress-nginx" }),
    },
    port: { name: "client", port: 5173 },
    ...overrides,
  };
}

describe("ClientIngress", () => {
  let runtime: MockRuntime;
  beforeEach(async () => {
    runtime = await mockRuntime({ project: "pioneer-agent" });
  });

  it("shares the service's host and certificate without asking cert-manager a second time", async () => {
    const client = new ClientIngress("pioneer-agent-client", args());
    expect(await valueOf(client.url)).toBe("https://pioneer.dev.degenquest.gg");
    await runtime.settled();
    const { inputs } = runtime.one(INGRESS);
    expect(inputs.metadata).toMatchObject({ name: "pioneer-agent-client", namespace: "pioneer-agent" });
    expect(inputs.metadata.annotations).not.toHaveProperty("cert-manager.io/cluster-issuer");
    expect(inputs.metadata.annotations).toMatchObject({ "nginx.ingress.kubernetes.io/proxy-read-timeout": "60" });
    expect(inputs.spec).toEqual({
      ingressClassName: "nginx",
      tls: [{ hosts: ["pioneer.dev.degenquest.gg"], secretName: "pioneer-agent-tls" }],
      rules: [
        {
          host: "pioneer.dev.degenquest.gg",
          http: { paths: [{ path: "/", pathType: "Prefix", backend: { service: { name: "pioneer-agent", port: { name: "client" } } } }] },
        },
      ],
    });
  });

  it("requests a certificate of its own for a host of its own", async () => {
    const client = new ClientIngress("pioneer-agent-client", args({ host: "agent.degenquest.gg", idleTimeoutSeconds: 3600 }));
    expect(await valueOf(client.host)).toBe("agent.degenquest.gg");
    await runtime.settled();
    const { inputs } = runtime.one(INGRESS);
    expect(inputs.metadata.annotations).toMatchObject({
      "cert-manager.io/cluster-issuer": "letsencrypt-staging",
      "nginx.ingress.kubernetes.io/proxy-send-timeout": "3600",
    });
    expect(inputs.spec.tls).toEqual([{ hosts: ["agent.degenquest.gg"], secretName: "pioneer-agent-client-tls" }]);
  });

  it("routes further paths of the shared host to the server port, before the client's catch-all", async () => {
    new ClientIngress("pioneer-agent-client", args({ serverRoutes: { port: "server", paths: ["/socket.io"] } }));
    await runtime.settled();
    const paths = runtime.one(INGRESS).inputs.spec.rules[0].http.paths;
    expect(paths.map((p: { path: string; backend: { service: { port: { name: string } } } }) => `${p.path} -> ${p.backend.service.port.name}`)).toEqual([
      "/socket.io -> server",
      "/ -> client",
    ]);
  });

  it("lets only the ingress controller reach the client port, on the service's pods", async () => {
    new ClientIngress("pioneer-agent-client", args());
    await runtime.settled();
    expect(runtime.one(POLICY).inputs.spec).toEqual({
      podSelector: { matchLabels: selectorLabels },
      policyTypes: ["Ingress"],
      ingress: [
        {
          from: [
            {
              namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "ingress-nginx" } },
              podSelector: { matchLabels: { "app.kubernetes.io/name": "ingress-nginx" } },
            },
          ],
          ports: [{ port: 5173, protocol: "TCP" }],
        },
      ],
    });
  });

  it("refuses a bad port, route and idle timeout, all at once", () => {
    const bad = args({ port: { name: "Client_UI", port: 70000 }, idleTimeoutSeconds: 0, serverRoutes: { port: "server", paths: ["ws"] } });
    expect(clientIngressArgProblems(bad)).toEqual([
      'port.name is "Client_UI": expected a port name such as "client"',
      "port.port is 70000: expected a whole number from 1 to 65535",
      'serverRoutes.paths has "ws": expected a path below "/", such as "/socket.io"',
      "idleTimeoutSeconds is 0: expected a whole number of seconds from 1 to 86400",
    ]);
    expect(() => new ClientIngress("bad", args({ port: { name: "client", port: 0 } }))).toThrow(
      'ClientIngress "bad" has 1 problem(s):\n  - port.port is 0: expected a whole number from 1 to 65535',
    );
  });
});
