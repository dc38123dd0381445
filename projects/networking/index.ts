// Program floor: the networking Pulumi program, built from libraries and contract packages, never from
// another program. Pulumi calls the exported function and publishes what it returns as the stack's
// outputs, typed by @platform/networking-contract.
import { networkingProgram } from "./src/program";

export = networkingProgram;
