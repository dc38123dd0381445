import { containersOf, LONG_RUNNING_KINDS, validatePods } from "../kubernetes";
import { asArray, asRecord, type ResourcePolicy } from "../resource";

const PROBES = ["readinessProbe", "livenessProbe"] as const;

/** The port a probe calls, when it calls one (exec probes call none). */
function probePort(probe: Record<string, unknown>): unknown {
  for (const handler of ["httpGet", "tcpSocket", "grpc"]) {
    const port = asRecord(probe[handler]).port;
    if (port !== undefined) return port;
  }
  return undefined;
}

export const workloadProbes: ResourcePolicy = {
  name: "workload-probes",
  description:
    "Containers of Deployments, StatefulSets and DaemonSets have readiness and liveness probes on ports they declare.",
  enforcementLevel: "mandatory",
  validateResource: validatePods(({ template, subject, kind }, _args, reportViolation) => {
    if (!LONG_RUNNING_KINDS.includes(kind)) return;
    for (const { container, name } of containersOf(template.spec, { init: false })) {
      const ports = asArray(container.ports).map(asRecord);
      for (const probeName of PROBES) {
        const probe = container[probeName];
        if (probe === undefined) {
          reportViolation(
            `${subject}: container "${name}" has no ${probeName}: add one so that ` +
              (probeName === "readinessProbe" ? "traffic reaches only ready pods." : "a hung process is restarted."),
          );
          continue;
        }
        const port = probePort(asRecord(probe));
        if (port === undefined) continue;
        const declared = ports.some((p) => (typeof port === "number" ? p.containerPort === port : p.name === port));
        if (!declared) {
          reportViolation(
            `${subject}: container "${name}" ${probeName} calls port ${JSON.stringify(port)}, which the container does not declare: ` +
              "probe a port listed in its ports (by number or name).",
          );
        }
      }
    }
  }),
};
