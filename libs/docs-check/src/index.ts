/**
 * Library floor (tooling): every command the docs name exists, and every folder has a code owner.
 */
export * from "./check-commands";
export * from "./codeowners";
export * from "./documents";
export * from "./extract-commands";
export * from "./workspace-commands";
