/**
 * Library floor (tooling): the CircleCI pipeline's logic: previews, ordered deploys, image promotion,
 * drift detection.
 */
export * from "./affected";
export * from "./comment/collect";
export * from "./comment/model";
export * from "./comment/render-comment";
export * from "./deploy/deploy-base";
export * from "./deploy/deploy-environment";
export * from "./deploy/deploy-waves";
export * from "./drift/drift-summary";
export * from "./github/github-api";
export * from "./images/image-tag";
export * from "./images/promote";
export * from "./images/stack-file";
export * from "./outputs/outputs-diff";
export * from "./preview/changes";
export * from "./preview/preview-json";
export * from "./drift/detect-drift";
export * from "./pulumi/pulumi-cli";
export * from "./preview/run-preview";
