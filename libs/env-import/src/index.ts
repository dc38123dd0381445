/**
 * Library floor (tooling): a `.env` file into a stack's configuration, secrets as Pulumi secrets.
 */
export * from "./apply";
export * from "./classify";
export * from "./command";
export * from "./config-layout";
export * from "./errors";
export * from "./parse";
export * from "./plan";
export * from "./report";
export * from "./stack-file";
