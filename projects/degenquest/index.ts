// Program floor: the degenquest Pulumi program, built from libraries and contract packages, never from
// another program. Pulumi calls the exported function and publishes what it returns as the stack's
// outputs, typed by @platform/degenquest-contract.
import { degenquestProgram } from "./src/program";

export = degenquestProgram;
