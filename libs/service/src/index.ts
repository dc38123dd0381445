export * from "./args";
export * from "./defaults";
export * from "./image";
export * from "./network-policy";
export * from "./platform";
export * from "./pod";
export * from "./service";
export * from "./validate";
