import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { ACME_DIRECTORIES, SELF_SIGNED_ISSUER, type AcmeIssuerName } from "../issuers";
import type { CertManagerInstallation } from "./cert-manager";

export interface AcmeSettings {
  /** Contact address of the Let's Encrypt account. */
  readonly email: string;
  /**
   * How Let's Encrypt checks control of a name: an HTTP-01 answer served through the ingress
   * controller of this class, or a DNS-01 TXT record written in DigitalOcean DNS with this token
   * (which wildcard names need, as the gateway's certificate has).
   */
  readonly solver:
    | { readonly kind: "http01-ingress"; readonly ingressClassName: string }
    | { readonly kind: "dns01-digitalocean"; readonly token: pulumi.Input<string> | undefined };
}

/** The Secret, in cert-manager's namespace, that holds the DNS-01 token; cert-manager reads issuers' secrets there. */
export const DNS01_TOKEN_SECRET = { name: "digitalocean-dns-token", key: "access-token" } as const;

export interface ClusterIssuersArgs {
  /** The cert-manager whose CRDs and webhook the issuers need. */
  readonly certManager: CertManagerInstallation;
  /**
   * Let's Encrypt, staging and production, with HTTP-01 challenges through the ingress controller.
   * @default none: a self-signed issuer only, for a cluster that the internet cannot reach
   */
  readonly acme?: AcmeSettings;
}

export function clusterIssuersArgsProblems(args: Pick<ClusterIssuersArgs, "acme">): string[] {
  const problems: string[] = [];
  if (args.acme && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(args.acme.email)) {
    problems.push(`acme.email is ${JSON.stringify(args.acme.email)}: expected an e-mail address such as "platform@degenquest.gg"`);
  }
  if (args.acme?.solver.kind === "http01-ingress" && args.acme.solver.ingressClassName.trim() === "") {
    problems.push('acme.solver.ingressClassName is empty: expected the ingress controller\'s class, such as "nginx"');
  }
  return problems;
}

const LABELS = { "app.kubernetes.io/managed-by": "pulumi", "app.kubernetes.io/part-of": "degen-platform" };

/** The cluster-wide certificate issuers that Ingresses name in `cert-manager.io/cluster-issuer`. */
export class ClusterIssuers extends pulumi.ComponentResource {
  /** Each issuer's name, keyed by purpose, resolved once the issuer exists. */
  readonly names: Readonly<Record<string, pulumi.Output<string>>>;

  constructor(name: string, args: ClusterIssuersArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:networking:ClusterIssuers", name, {}, opts);
    const problems = clusterIssuersArgsProblems(args);
    if (problems.length > 0) throw new pulumi.ResourceError(`ClusterIssuers ${name}:\n  - ${problems.join("\n  - ")}`, this);

    // The ClusterIssuer kind exists only once cert-manager's CRDs are installed.
    const childOpts = { parent: this, dependsOn: args.certManager.crds ? [args.certManager.crds] : [] };
    const solver = args.acme?.solver;
    if (solver?.kind === "dns01-digitalocean" && solver.token !== undefined) {
      new k8s.core.v1.Secret(
        `${name}-dns01-token`,
        {
          metadata: { name: DNS01_TOKEN_SECRET.name, namespace: args.certManager.namespace, labels: LABELS },
          type: "Opaque",
          stringData: { [DNS01_TOKEN_SECRET.key]: pulumi.secret(solver.token) },
        },
        { parent: this },
      );
    }
    const issuer = (issuerName: string, spec: Record<string, unknown>) =>
      new k8s.apiextensions.CustomResource(
        `${name}-${issuerName}`,
        { apiVersion: "cert-manager.io/v1", kind: "ClusterIssuer", metadata: { name: issuerName, labels: LABELS }, spec },
        childOpts,
      );

    const specs: [string, Record<string, unknown>][] = args.acme
      ? (Object.entries(ACME_DIRECTORIES) as [AcmeIssuerName, string][]).map(([issuerName, server]) => [
          issuerName,
          acmeSpec(issuerName, server, args.acme!),
        ])
      : [[SELF_SIGNED_ISSUER, { selfSigned: {} }]];
    this.names = Object.fromEntries(specs.map(([issuerName, spec]) => [issuerName, issuer(issuerName, spec).metadata.name]));
    this.registerOutputs({ names: this.names });
  }
}

function acmeSolver(solver: AcmeSettings["solver"]) {
  switch (solver.kind) {
    case "http01-ingress":
      return {
        http01: {
          ingress: {
            ingressClassName: solver.ingressClassName,
            // Tenant quotas allow no NodePort Services; the solver needs only a ClusterIP.
            serviceType: "ClusterIP",
          },
        },
      };
    case "dns01-digitalocean":
      return { dns01: { digitalocean: { tokenSecretRef: { ...DNS01_TOKEN_SECRET } } } };
  }
}

function acmeSpec(issuerName: string, server: string, acme: AcmeSettings) {
  return {
    acme: {
      server,
      email: acme.email,
      privateKeySecretRef: { name: `${issuerName}-account-key` },
      solvers: [acmeSolver(acme.solver)],
    },
  };
}
