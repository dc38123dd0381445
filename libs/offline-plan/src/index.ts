export * from "./scheduler";
export * from "./summary";
export * from "./types";
export * from "./workspace";
export { knownAfterDeploy, offlineInvokeResult, providerComputedOutputs } from "./offline-values";
