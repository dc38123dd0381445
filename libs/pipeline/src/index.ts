export * from "./affected";
export * from "./comment/model";
export * from "./comment/render-comment";
export * from "./outputs/outputs-diff";
export * from "./preview/changes";
export * from "./preview/preview-json";
