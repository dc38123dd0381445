/**
 * Library floor (tooling): finds objects in the platform's namespaces that no Pulumi stack manages.
 * Reads stacks' state and the cluster; depends on no program.
 */
export * from "./audit";
export * from "./declarations";
export * from "./discovery";
export * from "./environment";
export * from "./kube-api";
export * from "./objects";
export * from "./ownership-rules";
export * from "./report";
