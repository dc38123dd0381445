// Program floor: the observability Pulumi program, built from libraries and contract packages, never from
// another program. Pulumi calls the exported function and publishes what it returns as the stack's
// outputs, typed by @platform/observability-contract.
import { observabilityProgram } from "./src/program";

export = observabilityProgram;
