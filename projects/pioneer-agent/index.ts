// Pulumi calls the exported function and publishes what it returns as the stack's outputs.
import { pioneerAgentProgram } from "./src/program";

export = pioneerAgentProgram;
