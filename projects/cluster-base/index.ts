// Pulumi calls the exported function and publishes what it returns as the stack's outputs.
import { clusterBaseProgram } from "./src/program";

export = clusterBaseProgram;
