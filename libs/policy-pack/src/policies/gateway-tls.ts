import { describeObject } from "../kubernetes";
import { asArray, asRecord, isUnknown, type ResourcePolicy } from "../resource";
import { domainsSchema, environmentDomain, hostnameJudge, isGatewayApiKind, isPlaceholder } from "./public-domain";

/**
 * The public edge serves HTTPS only: every listener of a Gateway terminates TLS with a
 * certificate for a name of the environment's domain, except a plain-HTTP listener that admits
 * routes only from the Gateway's own namespace, where the platform's redirect to HTTPS lives.
 */
export const gatewayTls: ResourcePolicy = {
  name: "gateway-tls",
  description:
    "Every Gateway listener serves HTTPS, terminated with a certificate for a name of the environment's domain; plain HTTP only to redirect.",
  enforcementLevel: "mandatory",
  configSchema: { properties: { domains: domainsSchema() } },
  validateResource: (args, reportViolation) => {
    if (!isGatewayApiKind(args.type, "Gateway")) return;
    const subject = describeObject(args.type, args.props, args.name);
    const environment = environmentDomain(args);
    const judge = hostnameJudge("gateway-tls", environment, subject);
    const domain = environment.domain;
    const names = domain === undefined ? "the environment's domain" : `${domain} or a name under it (*.${domain})`;
    const report = (problem: string | undefined) => problem !== undefined && reportViolation(problem);

    for (const [index, item] of asArray(asRecord(args.props.spec).listeners).entries()) {
      const listener = asRecord(item);
      const label = typeof listener.name === "string" ? `listener "${listener.name}"` : `spec.listeners[${index}]`;
      const { protocol, hostname } = listener;

      if (hostname !== undefined) report(judge(`${label} hostname`, hostname, `use ${names}`));
      if (isUnknown(protocol)) continue;

      if (protocol === "HTTP") {
        // The API defaults an absent allowedRoutes (or namespaces.from) to Same.
        const from = asRecord(asRecord(listener.allowedRoutes).namespaces).from ?? "Same";
        if (from === "Same" || isPlaceholder(from)) continue;
        reportViolation(
          `${subject}: ${label} serves plain HTTP to routes from namespaces ${JSON.stringify(from)} (allowedRoutes.namespaces.from): ` +
            "set it to Same so that only the Gateway's own redirect to HTTPS attaches, and serve applications on an HTTPS listener.",
        );
        continue;
      }
      if (protocol !== "HTTPS") {
        reportViolation(
          `${subject}: ${label} has protocol ${JSON.stringify(protocol)}: use HTTPS with tls.mode Terminate and a certificate ` +
            "(or HTTP with allowedRoutes.namespaces.from Same, only to redirect to HTTPS).",
        );
        continue;
      }

      if (hostname === undefined || hostname === "") {
        reportViolation(
          `${subject}: ${label} (HTTPS) has no hostname, which cert-manager cannot issue a certificate for: set hostname to ${names}.`,
        );
      }
      const tls = listener.tls;
      if (isPlaceholder(tls)) continue;
      const { mode, certificateRefs } = asRecord(tls);
      if (mode !== undefined && mode !== "Terminate" && !isPlaceholder(mode)) {
        reportViolation(
          `${subject}: ${label} tls.mode is ${JSON.stringify(mode)}: set it to Terminate (or leave it out) so the Gateway terminates TLS with the platform's certificate.`,
        );
      }
      if (!isPlaceholder(certificateRefs) && asArray(certificateRefs).length === 0) {
        reportViolation(
          `${subject}: ${label} (HTTPS) has no tls.certificateRefs: name the Secret that cert-manager fills ` +
            "through the Gateway's cert-manager.io/cluster-issuer annotation.",
        );
      }
    }
  },
};
