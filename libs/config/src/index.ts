/**
 * Contract floor (a primitive): stack configuration read against a schema with every problem
 * reported at once, the environments, quantities, network ranges and the image catalogue that
 * contracts, libraries and programs all speak.
 */
export * from "./environment";
export * from "./load";
export * from "./quantity";
export * from "./schema";
export * from "./validate";
export { containsSensitive } from "./zod-walk";
export * from "./images";
export * from "./limits";
export * from "./network";
