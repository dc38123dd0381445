export * from "./audit";
export * from "./declared-releases";
export * from "./discovery";
export * from "./kube-api";
export * from "./objects";
export * from "./ownership-rules";
export * from "./report";
