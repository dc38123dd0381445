import type { ResourcePolicy } from "../resource";

// Every version of the YAML and kustomize resources: v1 (`kubernetes:yaml:ConfigFile`), v2
// (`kubernetes:yaml/v2:ConfigGroup`) and whatever comes next.
const RAW_MANIFEST_TYPE = /^kubernetes:(yaml|kustomize)(\/v\d+)?:/;

export const noRawYaml: ResourcePolicy = {
  name: "no-raw-yaml",
  description: "Kubernetes objects are declared in code, never loaded from YAML files or kustomize directories.",
  enforcementLevel: "mandatory",
  validateResource: (args, reportViolation) => {
    if (!RAW_MANIFEST_TYPE.test(args.type)) return;
    reportViolation(
      `${args.type} "${args.name}" loads Kubernetes objects from YAML, which no review or policy can see: ` +
        "declare each object with the @pulumi/kubernetes classes (or a component) instead.",
    );
  },
};
