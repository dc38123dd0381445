/**
 * Library floor: Kubernetes building blocks that programs and shared components use alike. Depends
 * only on the Pulumi SDKs; knows nothing of any stack.
 */
export * from "./provider";
export * from "./security";
export * from "./namespace";
export * from "./identities";
