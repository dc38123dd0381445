import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { ACME_DIRECTORIES, SELF_SIGNED_ISSUER, type AcmeIssuerName } from "../issuers";
import type { CertManagerInstallation } from "./cert-manager";

export interface AcmeSettings {
  /** Contact address of the Let's Encrypt account. */
  readonly email: string;
  /** IngressClass of the controller that answers HTTP-01 challenges. */
  readonly ingressClassName: string;
}

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
  if (args.acme && args.acme.ingressClassName.trim() === "") {
    problems.push('acme.ingressClassName is empty: expected the ingress controller\'s class, such as "nginx"');
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

function acmeSpec(issuerName: string, server: string, acme: AcmeSettings) {
  return {
    acme: {
      server,
      email: acme.email,
      privateKeySecretRef: { name: `${issuerName}-account-key` },
      solvers: [
        {
          http01: {
            ingress: {
              ingressClassName: acme.ingressClassName,
              // Tenant quotas allow no NodePort Services; the solver needs only a ClusterIP.
              serviceType: "ClusterIP",
            },
          },
        },
      ],
    },
  };
}
