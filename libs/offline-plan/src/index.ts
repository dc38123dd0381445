/**
 * Library floor (tooling): every program under Pulumi's mock runtime, each stack from a fresh runtime in a warm worker,
 * upstream stacks answered from the same run, outputs checked against each producer's contract.
 */
export * from "./scheduler";
export * from "./summary";
export * from "./types";
export * from "./workspace";
export { knownAfterDeploy, localContextsOf, offlineInvokeResult, providerComputedOutputs, standInKubeconfig } from "./offline-values";
