import { describeObject, kubernetesKind } from "../kubernetes";
import { asArray, asRecord, isUnknown, type ResourcePolicy } from "../resource";

export const ingressTls: ResourcePolicy = {
  name: "ingress-tls",
  description: "Every Ingress names its ingress class and serves every host over TLS.",
  enforcementLevel: "mandatory",
  validateResource: (args, reportViolation) => {
    if (kubernetesKind(args.type) !== "Ingress") return;
    const subject = describeObject(args.type, args.props, args.name);
    const spec = asRecord(args.props.spec);
    if (spec.ingressClassName === undefined || spec.ingressClassName === "") {
      reportViolation(`${subject} has no spec.ingressClassName: set it to the networking stack's ingressClassName.`);
    }
    const tls = asArray(spec.tls).map(asRecord);
    if (tls.length === 0) {
      reportViolation(
        `${subject} has no spec.tls: add a tls entry with its hosts and a secretName, issued by the networking stack's clusterIssuer.`,
      );
      return;
    }
    for (const entry of tls) {
      if (entry.secretName === undefined || entry.secretName === "") {
        reportViolation(`${subject}: a tls entry has no secretName: name the Secret that cert-manager fills.`);
      }
    }
    const tlsHosts = new Set(tls.flatMap((entry) => asArray(entry.hosts)));
    for (const rule of asArray(spec.rules).map(asRecord)) {
      if (isUnknown(rule.host) || tlsHosts.has(rule.host)) continue;
      reportViolation(`${subject}: host ${JSON.stringify(rule.host)} is not in any tls entry: add it to spec.tls[].hosts.`);
    }
  },
};
