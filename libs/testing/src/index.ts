export * from "./mock-runtime";
export * from "./upstream-stacks";
export * from "./run-once";
