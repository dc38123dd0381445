// Pulumi calls the exported function and publishes what it returns as the stack's outputs.
import { observabilityProgram } from "./src/program";

export = observabilityProgram;
