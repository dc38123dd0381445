import { describe, expect, it } from "vitest";
import { edit, violations, type Target } from "../testing";
import { gatewayTls } from "./gateway-tls";
import { httpRouteScope } from "./http-route-scope";
import { isWithinDomain, PUBLIC_DOMAIN_DEFAULTS } from "./public-domain";

// Copied from the offline plan of production (`npm run plan -- --env production`, plan/production/*.json).
const PLATFORM_LABELS = { "app.kubernetes.io/managed-by": "pulumi", "app.kubernetes.io/part-of": "degen-platform" };
const tls = { certificateRefs: [{ group: "", kind: "Secret", name: "public-edge-tls" }], mode: "Terminate" };
const tenants = {
  kinds: [{ group: "gateway.networking.k8s.io", kind: "HTTPRoute" }],
  namespaces: {
    from: "Selector",
    selector: { matchExpressions: [{ key: "kubernetes.io/metadata.name", operator: "In", values: ["degenquest", "pioneer-agent"] }] },
  },
};

const gateway: Target = {
  type: "kubernetes:gateway.networking.k8s.io/v1:Gateway",
  name: "public-gateway-gateway",
  project: "networking",
  stack: "production",
  props: {
    apiVersion: "gateway.networking.k8s.io/v1",
    kind: "Gateway",
    metadata: {
      annotations: { "cert-manager.io/cluster-issuer": "letsencrypt-production", "pulumi.com/waitFor": "jsonpath={.status.addresses[0].value}" },
      labels: PLATFORM_LABELS,
      name: "public",
      namespace: "gateway",
    },
    spec: {
      gatewayClassName: "cilium",
      infrastructure: {
        annotations: { "service.beta.kubernetes.io/do-loadbalancer-name": "degen-production-gateway", "service.beta.kubernetes.io/do-loadbalancer-size-unit": "1" },
      },
      listeners: [
        { allowedRoutes: { namespaces: { from: "Same" } }, name: "http", port: 80, protocol: "HTTP" },
        { allowedRoutes: tenants, hostname: "degenquest.gg", name: "https", port: 443, protocol: "HTTPS", tls },
        { allowedRoutes: tenants, hostname: "*.degenquest.gg", name: "https-wildcard", port: 443, protocol: "HTTPS", tls },
      ],
    },
  },
};

const redirect: Target = {
  type: "kubernetes:gateway.networking.k8s.io/v1:HTTPRoute",
  name: "public-gateway-https-redirect",
  project: "networking",
  stack: "production",
  props: {
    apiVersion: "gateway.networking.k8s.io/v1",
    kind: "HTTPRoute",
    metadata: { labels: PLATFORM_LABELS, name: "https-redirect", namespace: "gateway" },
    spec: {
      parentRefs: [{ name: "public", sectionName: "http" }],
      rules: [{ filters: [{ requestRedirect: { scheme: "https", statusCode: 301 }, type: "RequestRedirect" }] }],
    },
  },
};

const route: Target = {
  type: "kubernetes:gateway.networking.k8s.io/v1:HTTPRoute",
  name: "degen-server-http-route",
  stack: "production",
  props: {
    apiVersion: "gateway.networking.k8s.io/v1",
    kind: "HTTPRoute",
    metadata: {
      labels: {
        "app.kubernetes.io/instance": "degen-server",
        "app.kubernetes.io/managed-by": "pulumi",
        "app.kubernetes.io/name": "degen-server",
        "app.kubernetes.io/part-of": "degenquest",
      },
      name: "degen-server",
      namespace: "degenquest",
    },
    spec: {
      hostnames: ["play.degenquest.gg"],
      parentRefs: [{ group: "gateway.networking.k8s.io", kind: "Gateway", name: "public", namespace: "gateway" }],
      rules: [
        {
          backendRefs: [{ name: "degen-server", port: 8888 }],
          matches: [{ path: { type: "PathPrefix", value: "/" } }],
          timeouts: { request: "0s" },
        },
      ],
    },
  },
};

// From plan/e2e/pioneer-agent.json: several path prefixes, each to a port of the app's Service.
const e2eRoute: Target = {
  type: "kubernetes:gateway.networking.k8s.io/v1:HTTPRoute",
  name: "pioneer-agent-http-route",
  project: "pioneer-agent",
  stack: "e2e",
  props: {
    apiVersion: "gateway.networking.k8s.io/v1",
    kind: "HTTPRoute",
    metadata: { name: "pioneer-agent", namespace: "pioneer-agent" },
    spec: {
      hostnames: ["pioneer.e2e.localtest.me"],
      parentRefs: [{ group: "gateway.networking.k8s.io", kind: "Gateway", name: "public", namespace: "gateway" }],
      rules: [
        { backendRefs: [{ name: "pioneer-agent", port: 3000 }], matches: [{ path: { type: "PathPrefix", value: "/socket.io" } }], timeouts: { request: "0s" } },
        { backendRefs: [{ name: "pioneer-agent", port: 3000 }], matches: [{ path: { type: "PathPrefix", value: "/api" } }], timeouts: { request: "0s" } },
        { backendRefs: [{ name: "pioneer-agent", port: 5173 }], matches: [{ path: { type: "PathPrefix", value: "/" } }], timeouts: { request: "0s" } },
      ],
    },
  },
};

/** The production Gateway as another environment's networking stack declares it. */
function gatewayIn(stack: string): Target {
  const domain = PUBLIC_DOMAIN_DEFAULTS.domains[stack]!;
  return edit(
    gateway,
    (p) => {
      p.spec.listeners[1].hostname = domain;
      p.spec.listeners[2].hostname = `*.${domain}`;
    },
    { stack },
  );
}

const PLACEHOLDER = "<known after deploy: example>";

describe("the public domain", () => {
  it("holds the domain and names under it, wildcards included, and nothing that only ends alike", () => {
    expect(isWithinDomain("degenquest.gg", "degenquest.gg")).toBe(true);
    expect(isWithinDomain("*.degenquest.gg", "degenquest.gg")).toBe(true);
    expect(isWithinDomain("Play.DegenQuest.gg", "degenquest.gg")).toBe(true);
    expect(isWithinDomain("a.b.staging.degenquest.gg", "staging.degenquest.gg")).toBe(true);
    expect(isWithinDomain("notdegenquest.gg", "degenquest.gg")).toBe(false);
    expect(isWithinDomain("*", "degenquest.gg")).toBe(false);
    expect(isWithinDomain("play.degenquest.gg", "staging.degenquest.gg")).toBe(false);
  });
});

describe("gateway-tls", () => {
  it("accepts the platform's Gateway in every environment, as planned", () => {
    expect(violations(gatewayTls, gateway)).toEqual([]);
    for (const stack of Object.keys(PUBLIC_DOMAIN_DEFAULTS.domains)) {
      expect(violations(gatewayTls, gatewayIn(stack)), stack).toEqual([]);
    }
  });

  it("accepts an HTTPS listener whose tls.mode is left to its default, and an HTTP listener whose allowedRoutes default to Same", () => {
    const defaults = edit(gateway, (p) => {
      delete p.spec.listeners[0].allowedRoutes;
      delete p.spec.listeners[1].tls.mode;
    });
    expect(violations(gatewayTls, defaults)).toEqual([]);
  });

  it("ignores other kinds named Gateway, and Gateway API objects of other kinds", () => {
    const istio = { ...gateway, type: "kubernetes:networking.istio.io/v1beta1:Gateway", props: { spec: { servers: [{ port: { protocol: "HTTP" } }] } } };
    expect(violations(gatewayTls, istio)).toEqual([]);
    expect(violations(gatewayTls, route)).toEqual([]);
  });

  it("refuses a plain-HTTP listener that admits routes from other namespaces", () => {
    const open = edit(gateway, (p) => (p.spec.listeners[0].allowedRoutes = { namespaces: { from: "All" } }));
    expect(violations(gatewayTls, open)).toEqual([
      'Gateway gateway/public: listener "http" serves plain HTTP to routes from namespaces "All" (allowedRoutes.namespaces.from): ' +
        "set it to Same so that only the Gateway's own redirect to HTTPS attaches, and serve applications on an HTTPS listener.",
    ]);
  });

  it("refuses a listener of another protocol, and TLS passed through", () => {
    const passthrough = edit(gateway, (p) => {
      p.spec.listeners[1].protocol = "TLS";
      p.spec.listeners[2].tls.mode = "Passthrough";
    });
    expect(violations(gatewayTls, passthrough)).toEqual([
      'Gateway gateway/public: listener "https" has protocol "TLS": use HTTPS with tls.mode Terminate and a certificate ' +
        "(or HTTP with allowedRoutes.namespaces.from Same, only to redirect to HTTPS).",
      'Gateway gateway/public: listener "https-wildcard" tls.mode is "Passthrough": set it to Terminate (or leave it out) ' +
        "so the Gateway terminates TLS with the platform's certificate.",
    ]);
  });

  it("refuses an HTTPS listener without a certificate or without a hostname", () => {
    const bare = edit(gateway, (p) => {
      delete p.spec.listeners[1].tls;
      delete p.spec.listeners[2].hostname;
    });
    expect(violations(gatewayTls, bare)).toEqual([
      'Gateway gateway/public: listener "https" (HTTPS) has no tls.certificateRefs: name the Secret that cert-manager fills ' +
        "through the Gateway's cert-manager.io/cluster-issuer annotation.",
      'Gateway gateway/public: listener "https-wildcard" (HTTPS) has no hostname, which cert-manager cannot issue a certificate for: ' +
        "set hostname to degenquest.gg or a name under it (*.degenquest.gg).",
    ]);
  });

  it("refuses a hostname outside the environment's domain, another environment's included", () => {
    expect(violations(gatewayTls, { ...gateway, stack: "staging" })).toEqual([
      'Gateway gateway/public: listener "https" hostname "degenquest.gg" is outside the staging domain staging.degenquest.gg: ' +
        "use staging.degenquest.gg or a name under it (*.staging.degenquest.gg).",
      'Gateway gateway/public: listener "https-wildcard" hostname "*.degenquest.gg" is outside the staging domain staging.degenquest.gg: ' +
        "use staging.degenquest.gg or a name under it (*.staging.degenquest.gg).",
    ]);
    const http = edit(gateway, (p) => (p.spec.listeners[0].hostname = "degen.example"));
    expect(violations(gatewayTls, http)).toEqual([
      'Gateway gateway/public: listener "http" hostname "degen.example" is outside the production domain degenquest.gg: ' +
        "use degenquest.gg or a name under it (*.degenquest.gg).",
    ]);
  });

  it("reads the domains from its configuration, and says so once when the environment has none", () => {
    expect(violations(gatewayTls, gateway, { "gateway-tls": { domains: { production: "degen.example" } } })).toHaveLength(2);
    expect(violations(gatewayTls, { ...gateway, stack: "preview-42" })).toEqual([
      'Gateway gateway/public: the environment "preview-42" has no domain in the gateway-tls policy\'s "domains" configuration, ' +
        'so listener "https" hostname cannot be checked: add preview-42\'s domain (the networking stack\'s networking:domain).',
    ]);
  });

  it("never judges what only a deploy knows", () => {
    const unknown = edit(gateway, (p) => {
      p.spec.listeners[0].protocol = PLACEHOLDER;
      p.spec.listeners[0].allowedRoutes = { namespaces: { from: "All" } };
      p.spec.listeners[1].hostname = PLACEHOLDER;
      p.spec.listeners[1].tls = PLACEHOLDER;
      p.spec.listeners[2].tls.certificateRefs = PLACEHOLDER;
    });
    expect(violations(gatewayTls, unknown)).toEqual([]);
  });
});

describe("http-route-scope", () => {
  it("accepts the platform's routes as planned: the redirect and the applications'", () => {
    expect(violations(httpRouteScope, redirect)).toEqual([]);
    expect(violations(httpRouteScope, route)).toEqual([]);
    expect(violations(httpRouteScope, edit(route, (p) => (p.spec.hostnames = ["agent.degenquest.gg"]), { project: "pioneer-agent" }))).toEqual([]);
    expect(violations(httpRouteScope, e2eRoute)).toEqual([]);
    expect(violations(httpRouteScope, { ...redirect, stack: "local" })).toEqual([]);
  });

  it("refuses a parent that is not a Gateway", () => {
    const mesh = edit(route, (p) => p.spec.parentRefs.push({ group: "", kind: "Service", name: "degen-server" }));
    expect(violations(httpRouteScope, mesh)).toEqual([
      'HTTPRoute degenquest/degen-server: spec.parentRefs[1] is kind Service (group "") "degen-server": ' +
        "attach the route only to the networking stack's Gateway (group gateway.networking.k8s.io, kind Gateway).",
    ]);
  });

  it("refuses a hostname outside the environment's domain", () => {
    const foreign = edit(route, (p) => (p.spec.hostnames = ["play.degenquest.gg", "play.example.com"]));
    expect(violations(httpRouteScope, foreign)).toEqual([
      'HTTPRoute degenquest/degen-server: spec.hostnames[1] "play.example.com" is outside the production domain degenquest.gg: ' +
        "claim only degenquest.gg or names under it.",
    ]);
    expect(violations(httpRouteScope, { ...route, stack: "dev" })).toEqual([
      'HTTPRoute degenquest/degen-server: spec.hostnames[0] "play.degenquest.gg" is outside the dev domain dev.degenquest.gg: ' +
        "claim only dev.degenquest.gg or names under it.",
    ]);
  });

  it("refuses a backend that is not a Service, or a Service in another tenant", () => {
    const elsewhere = edit(route, (p) => {
      p.spec.rules[0].backendRefs.push({ group: "multicluster.x-k8s.io", kind: "ServiceImport", name: "degen-server", port: 8888 });
      p.spec.rules[0].backendRefs.push({ name: "pioneer-agent", namespace: "pioneer-agent", port: 3000 });
      p.spec.rules[0].filters = [{ type: "RequestMirror", requestMirror: { backendRef: { name: "recorder", namespace: "observability", port: 80 } } }];
    });
    expect(violations(httpRouteScope, elsewhere)).toEqual([
      'HTTPRoute degenquest/degen-server: spec.rules[0].backendRefs[1] is kind ServiceImport (group "multicluster.x-k8s.io") "degen-server": ' +
        'route only to a Service (group "", kind Service) in the route\'s own namespace.',
      'HTTPRoute degenquest/degen-server: spec.rules[0].backendRefs[2] names "pioneer-agent" in namespace "pioneer-agent": ' +
        'no route to a Service in another tenant; remove the namespace and route to a Service in "degenquest", the route\'s own namespace.',
      'HTTPRoute degenquest/degen-server: spec.rules[0].filters[0].requestMirror.backendRef names "recorder" in namespace "observability": ' +
        'no route to a Service in another tenant; remove the namespace and route to a Service in "degenquest", the route\'s own namespace.',
    ]);
    const own = edit(route, (p) => (p.spec.rules[0].backendRefs[0] = { group: "", kind: "Service", name: "degen-server", namespace: "degenquest", port: 8888 }));
    expect(violations(httpRouteScope, own)).toEqual([]);
  });

  it("refuses a redirect to a name outside the domain", () => {
    const away = edit(redirect, (p) => (p.spec.rules[0].filters[0].requestRedirect.hostname = "degen.example"));
    expect(violations(httpRouteScope, away)).toEqual([
      'HTTPRoute gateway/https-redirect: spec.rules[0].filters[0].requestRedirect.hostname "degen.example" is outside the production domain degenquest.gg: ' +
        "redirect only to degenquest.gg or names under it.",
    ]);
  });

  it("lets a route on the plain-HTTP listener only redirect to HTTPS", () => {
    const serving = edit(redirect, (p) => {
      p.spec.rules[0].filters[0].requestRedirect.scheme = "http";
      p.spec.rules[0].filters.push({ type: "URLRewrite", urlRewrite: { path: { type: "ReplacePrefixMatch", replacePrefixMatch: "/" } } });
      p.spec.rules.push({ backendRefs: [{ name: "degen-server", port: 8888 }] });
    });
    const attached = 'HTTPRoute gateway/https-redirect is attached to the Gateway\'s plain-HTTP listener (spec.parentRefs[0] sectionName "http")';
    expect(violations(httpRouteScope, serving)).toEqual([
      `${attached}, and spec.rules[0].filters[0].requestRedirect.scheme is "http": set it to https (on plain HTTP a route only redirects to HTTPS).`,
      `${attached}, and spec.rules[0].filters[1] is of type "URLRewrite": remove it (on plain HTTP a route only redirects to HTTPS, with a RequestRedirect filter).`,
      `${attached}, and spec.rules[1] has backendRefs: remove them (on plain HTTP a route only redirects to HTTPS) and serve the backends from a route on the HTTPS listeners.`,
      `${attached}, and spec.rules[1] has no RequestRedirect filter: add one with requestRedirect.scheme https (on plain HTTP a route only redirects to HTTPS).`,
    ]);
  });

  it("treats a parent on port 80 as the plain-HTTP listener, and a route without rules there as serving nothing safe", () => {
    const port80 = edit(route, (p) => (p.spec.parentRefs[0].port = 80));
    expect(violations(httpRouteScope, port80)).toEqual([
      'HTTPRoute degenquest/degen-server is attached to the Gateway\'s plain-HTTP listener (spec.parentRefs[0] port 80), and spec.rules[0] has backendRefs: ' +
        "remove them (on plain HTTP a route only redirects to HTTPS) and serve the backends from a route on the HTTPS listeners.",
      'HTTPRoute degenquest/degen-server is attached to the Gateway\'s plain-HTTP listener (spec.parentRefs[0] port 80), and spec.rules[0] has no RequestRedirect filter: ' +
        "add one with requestRedirect.scheme https (on plain HTTP a route only redirects to HTTPS).",
    ]);
    expect(violations(httpRouteScope, edit(redirect, (p) => delete p.spec.rules))).toEqual([
      'HTTPRoute gateway/https-redirect is attached to the Gateway\'s plain-HTTP listener (spec.parentRefs[0] sectionName "http"), and has no rules: ' +
        "add one whose only filter is a RequestRedirect with requestRedirect.scheme https (on plain HTTP a route only redirects to HTTPS).",
    ]);
  });

  it("reads the domains from its own configuration", () => {
    const config = { "http-route-scope": { domains: { production: "degen.example" } } };
    expect(violations(httpRouteScope, route, config)).toEqual([
      'HTTPRoute degenquest/degen-server: spec.hostnames[0] "play.degenquest.gg" is outside the production domain degen.example: claim only degen.example or names under it.',
    ]);
  });

  it("never judges what only a deploy knows", () => {
    const unknown = edit(route, (p) => {
      p.spec.hostnames = [PLACEHOLDER];
      p.spec.parentRefs[0].kind = PLACEHOLDER;
      p.spec.rules[0].backendRefs[0].namespace = PLACEHOLDER;
      p.spec.rules[0].backendRefs[0].kind = PLACEHOLDER;
    });
    expect(violations(httpRouteScope, unknown)).toEqual([]);
    const unknownRedirect = edit(redirect, (p) => (p.spec.rules[0].filters[0].requestRedirect.scheme = PLACEHOLDER));
    expect(violations(httpRouteScope, unknownRedirect)).toEqual([]);
    const unknownNamespace = edit(route, (p) => {
      p.metadata.namespace = PLACEHOLDER;
      p.spec.rules[0].backendRefs[0].namespace = "degenquest";
    });
    expect(violations(httpRouteScope, unknownNamespace)).toEqual([]);
  });
});
