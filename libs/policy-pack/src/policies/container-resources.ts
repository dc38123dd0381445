import { containersOf, validatePods } from "../kubernetes";
import { asRecord, type ResourcePolicy } from "../resource";

/** The settings without which the scheduler guesses and a leak takes the node down. */
const REQUIRED = [
  ["requests", "cpu"],
  ["requests", "memory"],
  ["limits", "memory"],
] as const;

export const containerResources: ResourcePolicy = {
  name: "container-resources",
  description: "Every container, init containers included, requests CPU and memory and has a memory limit.",
  enforcementLevel: "mandatory",
  validateResource: validatePods(({ template, subject }, _args, reportViolation) => {
    for (const { container, field, name } of containersOf(template.spec)) {
      const resources = asRecord(container.resources);
      const missing = REQUIRED.filter(([group, key]) => asRecord(resources[group])[key] === undefined).map(
        ([group, key]) => `resources.${group}.${key}`,
      );
      if (missing.length === 0) continue;
      reportViolation(
        `${subject}: ${field} "${name}" has no ${missing.join(", ")}: set them so the scheduler places the pod ` +
          "on a node with room and a memory leak stops at the container.",
      );
    }
  }, { operatorPods: true }),
};
