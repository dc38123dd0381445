/**
 * Library floor: `PlatformService`, a service in a few lines, secure by default. It reads the base
 * layers only through their contract packages (`@platform/<layer>-contract`), never a program.
 */
export * from "./args";
export * from "./defaults";
export * from "./image";
export * from "./ingress";
export * from "./network-policy";
export * from "./platform";
export * from "./pod";
export * from "./service";
export * from "./validate";
export * from "./workload";
export * from "./routes";
