export * from "./mock-runtime";
