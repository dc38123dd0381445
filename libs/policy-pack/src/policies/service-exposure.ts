import { describeObject, kubernetesKind } from "../kubernetes";
import { asRecord, type ResourcePolicy } from "../resource";

const EXPOSED_TYPES = ["LoadBalancer", "NodePort"];

/** Traffic enters through the ingress controller, the one load balancer the platform pays for. */
export const serviceExposure: ResourcePolicy = {
  name: "service-exposure",
  description: "No Service of type LoadBalancer or NodePort, except the ingress controller's.",
  enforcementLevel: "mandatory",
  validateResource: (args, reportViolation) => {
    if (kubernetesKind(args.type) !== "Service") return;
    const type = asRecord(args.props.spec).type;
    if (typeof type !== "string" || !EXPOSED_TYPES.includes(type)) return;
    reportViolation(
      `${describeObject(args.type, args.props, args.name)} is of type ${type}, which exposes it outside the cluster: ` +
        "use a ClusterIP Service behind an Ingress of the platform's ingress class.",
    );
  },
};
