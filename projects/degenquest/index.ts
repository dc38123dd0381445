// Pulumi calls the exported function and publishes what it returns as the stack's outputs.
import { degenquestProgram } from "./src/program";

export = degenquestProgram;
