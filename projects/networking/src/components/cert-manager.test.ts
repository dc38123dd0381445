import { mockRuntime, valueOf, type MockRuntime } from "@platform/testing";
import { beforeEach, describe, expect, it } from "vitest";
import { CERT_MANAGER_CHART, CertManager, certManagerArgsProblems } from "./cert-manager";
import { ClusterIssuers, clusterIssuersArgsProblems, DNS01_TOKEN_SECRET } from "./cluster-issuers";

const RELEASE = "kubernetes:helm.sh/v3:Release";
const ISSUER = "kubernetes:cert-manager.io/v1:ClusterIssuer";
const SECRET = "kubernetes:core/v1:Secret";
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- chart values are free-form
const DEPLOYMENTS = (values: Record<string, any>) => [values, values.webhook, values.cainjector];

describe("CertManager", () => {
  let runtime: MockRuntime;
  beforeEach(async () => {
    runtime = await mockRuntime({ stack: "production" });
  });

  it("installs the pinned chart with its CRDs, kept if the release is removed, one replica by default", async () => {
    const certManager = new CertManager("cert-manager");
    expect(await valueOf(certManager.namespace)).toBe("cert-manager");
    await runtime.settled();
    const release = runtime.one(RELEASE).inputs;
    expect(release).toMatchObject({
      name: "cert-manager",
      namespace: "cert-manager",
      chart: "cert-manager",
      version: CERT_MANAGER_CHART.version,
      repositoryOpts: { repo: "https://charts.jetstack.io" },
    });
    expect(release.values.crds).toEqual({ enabled: true, keep: true });
    for (const deployment of DEPLOYMENTS(release.values)) {
      expect(deployment.replicaCount).toBe(1);
      expect(deployment.podDisruptionBudget).toEqual({ enabled: false });
      expect(deployment.topologySpreadConstraints).toEqual([]);
    }
  });

  it("gives the controller, webhook and CA injector each a budget and a spread when highly available", async () => {
    new CertManager("cert-manager", { replicas: 2 });
    await runtime.settled();
    const values = runtime.one(RELEASE).inputs.values;
    const spreadNames = DEPLOYMENTS(values).map((deployment) => {
      expect(deployment.replicaCount).toBe(2);
      expect(deployment.podDisruptionBudget).toEqual({ enabled: true, maxUnavailable: 1 });
      return deployment.topologySpreadConstraints[0].labelSelector.matchLabels["app.kubernetes.io/name"];
    });
    // The chart names its webhook and CA injector pods after themselves, not after the chart.
    expect(spreadNames).toEqual(["cert-manager", "webhook", "cainjector"]);
  });

  it("bounds and locks down every container, and leaves scrape configuration to observability", async () => {
    new CertManager("cert-manager");
    await runtime.settled();
    const values = runtime.one(RELEASE).inputs.values;
    expect({
      controller: values.resources,
      webhook: values.webhook.resources,
      cainjector: values.cainjector.resources,
      startupapicheck: values.startupapicheck.resources,
    }).toEqual({
      controller: { requests: { cpu: "50m", memory: "128Mi" }, limits: { cpu: "500m", memory: "512Mi" } },
      webhook: { requests: { cpu: "20m", memory: "64Mi" }, limits: { cpu: "200m", memory: "128Mi" } },
      cainjector: { requests: { cpu: "20m", memory: "128Mi" }, limits: { cpu: "200m", memory: "512Mi" } },
      startupapicheck: { requests: { cpu: "10m", memory: "32Mi" }, limits: { cpu: "100m", memory: "64Mi" } },
    });
    for (const component of [...DEPLOYMENTS(values), values.startupapicheck]) {
      expect(component.containerSecurityContext).toMatchObject({
        allowPrivilegeEscalation: false,
        readOnlyRootFilesystem: true,
        capabilities: { drop: ["ALL"] },
      });
    }
    expect(values.prometheus).toEqual({ enabled: true, servicemonitor: { enabled: false }, podmonitor: { enabled: false } });
  });

  it("issues certificates for Gateways only when asked, through the controller's flag", async () => {
    new CertManager("cert-manager", { gatewayApi: true });
    await runtime.settled();
    const values = runtime.one(RELEASE).inputs.values;
    // The chart's top-level extraArgs are the controller's; the webhook and CA injector keep none.
    expect(values.extraArgs).toEqual(["--enable-gateway-api"]);
    expect(values.webhook.extraArgs).toBeUndefined();
    expect(values.cainjector.extraArgs).toBeUndefined();
  });

  it("leaves the Gateway API off by default", async () => {
    new CertManager("cert-manager", { gatewayApi: false });
    new CertManager("cert-manager-default", { namespace: "cert-manager-default" });
    await runtime.settled();
    expect(runtime.ofType(RELEASE).map((release) => release.inputs.values.extraArgs)).toEqual([undefined, undefined]);
  });

  it("refuses a replica count below one", () => {
    expect(certManagerArgsProblems({ replicas: 0 })).toEqual(["replicas is 0: expected a whole number of at least 1"]);
  });
});

describe("ClusterIssuers", () => {
  let runtime: MockRuntime;
  beforeEach(async () => {
    runtime = await mockRuntime({ stack: "production" });
  });

  it("creates Let's Encrypt staging and production issuers that solve HTTP-01 through the ingress class", async () => {
    const certManager = new CertManager("cert-manager");
    const issuers = new ClusterIssuers("issuers", {
      certManager,
      acme: { email: "platform@degenquest.gg", solver: { kind: "http01-ingress", ingressClassName: "nginx" } },
    });
    expect(await valueOf(issuers.names["letsencrypt-production"]!)).toBe("letsencrypt-production");
    await runtime.settled();
    const specs = Object.fromEntries(runtime.ofType(ISSUER).map((issuer) => [issuer.inputs.metadata.name, issuer.inputs.spec.acme]));
    expect(Object.keys(specs).sort()).toEqual(["letsencrypt-production", "letsencrypt-staging"]);
    expect(specs["letsencrypt-staging"].server).toBe("https://acme-staging-v02.api.letsencrypt.org/directory");
    expect(specs["letsencrypt-production"]).toEqual({
      server: "https://acme-v02.api.letsencrypt.org/directory",
      email: "platform@degenquest.gg",
      privateKeySecretRef: { name: "letsencrypt-production-account-key" },
      // ClusterIP: tenant quotas forbid the NodePort Service that solvers otherwise get.
      solvers: [{ http01: { ingress: { ingressClassName: "nginx", serviceType: "ClusterIP" } } }],
    });
    // An HTTP-01 solver needs no credentials.
    expect(runtime.ofType(SECRET)).toEqual([]);
  });

  it("solves DNS-01 in DigitalOcean DNS with the token, kept as a secret in cert-manager's namespace", async () => {
    const certManager = new CertManager("cert-manager");
    new ClusterIssuers("issuers", {
      certManager,
      acme: { email: "platform@degenquest.gg", solver: { kind: "dns01-digitalocean", token: "dop_v1_dns_write_only" } },
    });
    await runtime.settled();
    const secret = runtime.one(SECRET);
    expect(secret.inputs).toMatchObject({
      // cert-manager reads a ClusterIssuer's secrets from its own namespace.
      metadata: { name: "digitalocean-dns-token", namespace: "cert-manager" },
      type: "Opaque",
      stringData: { "access-token": "dop_v1_dns_write_only" },
    });
    expect(secret.secretInputs).toContain("stringData");
    const issuers = runtime.ofType(ISSUER);
    expect(issuers.map((issuer) => issuer.inputs.metadata.name).sort()).toEqual(["letsencrypt-production", "letsencrypt-staging"]);
    for (const { inputs } of issuers) {
      const [issuerName, spec] = [inputs.metadata.name as string, inputs.spec.acme];
      expect(spec).toMatchObject({ email: "platform@degenquest.gg", privateKeySecretRef: { name: `${issuerName}-account-key` } });
      expect(spec.solvers).toEqual([{ dns01: { digitalocean: { tokenSecretRef: { name: "digitalocean-dns-token", key: "access-token" } } } }]);
    }
    expect(DNS01_TOKEN_SECRET).toEqual({ name: "digitalocean-dns-token", key: "access-token" });
  });

  it("names the DNS-01 token's Secret even without a token, creating none (the offline plan's stack files hold no secret)", async () => {
    new ClusterIssuers("issuers", {
      certManager: new CertManager("cert-manager"),
      acme: { email: "platform@degenquest.gg", solver: { kind: "dns01-digitalocean", token: undefined } },
    });
    await runtime.settled();
    expect(runtime.ofType(SECRET)).toEqual([]);
    for (const issuer of runtime.ofType(ISSUER)) {
      expect(issuer.inputs.spec.acme.solvers).toEqual([
        { dns01: { digitalocean: { tokenSecretRef: { name: "digitalocean-dns-token", key: "access-token" } } } },
      ]);
    }
  });

  it("creates only a self-signed issuer without ACME settings", async () => {
    const issuers = new ClusterIssuers("issuers", { certManager: new CertManager("cert-manager") });
    expect(Object.keys(issuers.names)).toEqual(["selfsigned"]);
    await runtime.settled();
    expect(runtime.one(ISSUER).inputs.spec).toEqual({ selfSigned: {} });
  });

  it("reports a malformed contact address and a missing ingress class together", () => {
    expect(clusterIssuersArgsProblems({ acme: { email: "platform", solver: { kind: "http01-ingress", ingressClassName: "" } } })).toEqual([
      'acme.email is "platform": expected an e-mail address such as "platform@degenquest.gg"',
      "acme.solver.ingressClassName is empty: expected the ingress controller's class, such as \"nginx\"",
    ]);
    expect(clusterIssuersArgsProblems({ acme: { email: "platform@degenquest.gg", solver: { kind: "http01-ingress", ingressClassName: " " } } })).toEqual([
      "acme.solver.ingressClassName is empty: expected the ingress controller's class, such as \"nginx\"",
    ]);
  });

  it("asks a DNS-01 solver for no ingress class", () => {
    expect(clusterIssuersArgsProblems({ acme: { email: "platform@degenquest.gg", solver: { kind: "dns01-digitalocean", token: "t" } } })).toEqual([]);
    expect(clusterIssuersArgsProblems({ acme: { email: "platform", solver: { kind: "dns01-digitalocean", token: "t" } } })).toEqual([
      'acme.email is "platform": expected an e-mail address such as "platform@degenquest.gg"',
    ]);
  });
});
