export * from "./check-commands";
export * from "./codeowners";
export * from "./documents";
export * from "./extract-commands";
export * from "./workspace-commands";
