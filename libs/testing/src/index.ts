export * from "./mock-runtime";
export * from "./upstream-stacks";
