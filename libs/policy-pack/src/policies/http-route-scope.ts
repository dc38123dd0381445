import { describeObject } from "../kubernetes";
import { asArray, asRecord, isUnknown, type ResourcePolicy } from "../resource";
import { domainsSchema, environmentDomain, GATEWAY_GROUP, hostnameJudge, isGatewayApiKind, isPlaceholder } from "./public-domain";

/** The listener section (and port) that serves plain HTTP, where a route may only redirect to HTTPS. */
export const HTTP_LISTENER = { sectionName: "http", port: 80 } as const;

interface BackendRefAt {
  /** Where it sits, for the message: `spec.rules[0].backendRefs[1]`. */
  readonly field: string;
  readonly ref: Record<string, unknown>;
}

/** Every reference to a backend: the rules' backendRefs and the backends that RequestMirror filters copy traffic to. */
function backendRefsOf(rules: readonly Record<string, unknown>[]): BackendRefAt[] {
  const mirrors = (filters: unknown, at: string): BackendRefAt[] =>
    asArray(filters).flatMap((filter, index) => {
      const backendRef = asRecord(asRecord(filter).requestMirror).backendRef;
      return backendRef === undefined ? [] : [{ field: `${at}.filters[${index}].requestMirror.backendRef`, ref: asRecord(backendRef) }];
    });
  return rules.flatMap((rule, i) => [
    ...asArray(rule.backendRefs).flatMap((item, j) => {
      const field = `spec.rules[${i}].backendRefs[${j}]`;
      return [{ field, ref: asRecord(item) }, ...mirrors(asRecord(item).filters, field)];
    }),
    ...mirrors(rule.filters, `spec.rules[${i}]`),
  ]);
}

/** `kind ServiceImport (group "multicluster.x-k8s.io") "name"`, for a reference that points at the wrong kind. */
function describeRef(ref: Record<string, unknown>, group: unknown, kind: unknown): string {
  return `kind ${String(kind)} (group ${JSON.stringify(group)}) ${JSON.stringify(ref.name)}`;
}

/**
 * A tenant's route stays inside its tenant and the environment's domain: it attaches only to
 * the platform's Gateway, claims only names of the domain, and sends traffic only to Services of
 * its own namespace. On the plain-HTTP listener a route may only redirect to HTTPS.
 */
export const httpRouteScope: ResourcePolicy = {
  name: "http-route-scope",
  description:
    "HTTPRoutes attach only to Gateways, claim only names of the environment's domain, reach only Services of their own namespace, and only redirect to HTTPS on plain HTTP.",
  enforcementLevel: "mandatory",
  configSchema: { properties: { domains: domainsSchema() } },
  validateResource: (args, reportViolation) => {
    if (!isGatewayApiKind(args.type, "HTTPRoute")) return;
    const subject = describeObject(args.type, args.props, args.name);
    const environment = environmentDomain(args);
    const judge = hostnameJudge("http-route-scope", environment, subject);
    const report = (problem: string | undefined) => problem !== undefined && reportViolation(problem);
    const spec = asRecord(args.props.spec);
    const namespace = asRecord(args.props.metadata).namespace;
    const rules = asArray(spec.rules).map(asRecord);
    const under = environment.domain === undefined ? "the environment's domain" : environment.domain;

    // Attachment: the platform's Gateway, nothing else (no Service of a mesh, no other kind of parent).
    const parentRefs = asArray(spec.parentRefs).map(asRecord);
    for (const [index, ref] of parentRefs.entries()) {
      const group = ref.group ?? GATEWAY_GROUP;
      const kind = ref.kind ?? "Gateway";
      if (isPlaceholder(group) || isPlaceholder(kind) || (group === GATEWAY_GROUP && kind === "Gateway")) continue;
      reportViolation(
        `${subject}: spec.parentRefs[${index}] is ${describeRef(ref, group, kind)}: ` +
          `attach the route only to the networking stack's Gateway (group ${GATEWAY_GROUP}, kind Gateway).`,
      );
    }

    // Names: only the environment's domain.
    for (const [index, hostname] of asArray(spec.hostnames).entries()) {
      report(judge(`spec.hostnames[${index}]`, hostname, `claim only ${under} or names under it`));
    }

    // Backends: core Services of the route's own namespace.
    for (const { field, ref } of backendRefsOf(rules)) {
      const group = ref.group ?? "";
      const kind = ref.kind ?? "Service";
      if (!isPlaceholder(group) && !isPlaceholder(kind) && (group !== "" || kind !== "Service")) {
        reportViolation(
          `${subject}: ${field} is ${describeRef(ref, group, kind)}: route only to a Service (group "", kind Service) in the route's own namespace.`,
        );
      }
      const target = ref.namespace;
      if (target === undefined || isUnknown(target) || isUnknown(namespace) || target === namespace) continue;
      reportViolation(
        `${subject}: ${field} names ${JSON.stringify(ref.name)} in namespace ${JSON.stringify(target)}: no route to a Service in another tenant; ` +
          `remove the namespace and route to a Service in ${JSON.stringify(namespace)}, the route's own namespace.`,
      );
    }

    // Redirects never leave the domain.
    for (const [i, rule] of rules.entries()) {
      for (const [k, filter] of asArray(rule.filters).map(asRecord).entries()) {
        const hostname = asRecord(filter.requestRedirect).hostname;
        if (hostname === undefined) continue;
        report(judge(`spec.rules[${i}].filters[${k}].requestRedirect.hostname`, hostname, `redirect only to ${under} or names under it`));
      }
    }

    // Plain HTTP: a redirect to HTTPS and nothing else.
    const httpIndex = parentRefs.findIndex((ref) => ref.sectionName === HTTP_LISTENER.sectionName || ref.port === HTTP_LISTENER.port);
    if (httpIndex < 0) return;
    const httpRef = parentRefs[httpIndex]!;
    const attached =
      `${subject} is attached to the Gateway's plain-HTTP listener (spec.parentRefs[${httpIndex}] ` +
      (httpRef.sectionName === HTTP_LISTENER.sectionName ? `sectionName "${HTTP_LISTENER.sectionName}")` : `port ${HTTP_LISTENER.port})`);
    const redirectOnly = "on plain HTTP a route only redirects to HTTPS";
    if (rules.length === 0) {
      reportViolation(`${attached}, and has no rules: add one whose only filter is a RequestRedirect with requestRedirect.scheme https (${redirectOnly}).`);
    }
    for (const [i, rule] of rules.entries()) {
      if (asArray(rule.backendRefs).length > 0) {
        reportViolation(
          `${attached}, and spec.rules[${i}] has backendRefs: remove them (${redirectOnly}) and serve the backends from a route on the HTTPS listeners.`,
        );
      }
      const filters = asArray(rule.filters).map(asRecord);
      let redirects = false;
      for (const [k, filter] of filters.entries()) {
        const field = `spec.rules[${i}].filters[${k}]`;
        if (isUnknown(filter.type)) continue;
        if (filter.type !== "RequestRedirect") {
          reportViolation(`${attached}, and ${field} is of type ${JSON.stringify(filter.type)}: remove it (${redirectOnly}, with a RequestRedirect filter).`);
          continue;
        }
        redirects = true;
        const scheme = asRecord(filter.requestRedirect).scheme;
        if (scheme === "https" || isPlaceholder(scheme)) continue;
        reportViolation(`${attached}, and ${field}.requestRedirect.scheme is ${JSON.stringify(scheme)}: set it to https (${redirectOnly}).`);
      }
      if (!redirects && !isPlaceholder(rule.filters) && filters.every((filter) => !isUnknown(filter.type))) {
        reportViolation(`${attached}, and spec.rules[${i}] has no RequestRedirect filter: add one with requestRedirect.scheme https (${redirectOnly}).`);
      }
    }
  },
};
