export * from "./audit";
export * from "./declarations";
export * from "./discovery";
export * from "./environment";
export * from "./kube-api";
export * from "./objects";
export * from "./ownership-rules";
export * from "./report";
