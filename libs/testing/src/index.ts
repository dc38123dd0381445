/**
 * Contract floor (a primitive): running components under Pulumi's mock runtime and reading what they
 * register, and the upstream stacks a test reads, from the contract packages' examples.
 */
export * from "./mock-runtime";
export * from "./upstream-stacks";
export * from "./run-once";
