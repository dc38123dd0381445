export * from "./environment";
export * from "./load";
export * from "./quantity";
export * from "./schema";
export * from "./validate";
export { containsSensitive } from "./zod-walk";
export * from "./images";
export * from "./limits";
export * from "./network";
