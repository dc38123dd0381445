// Pulumi calls the exported function and publishes what it returns as the stack's outputs.
import { networkingProgram } from "./src/program";

export = networkingProgram;
