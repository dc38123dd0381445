// Program floor: the pioneer-agent Pulumi program, built from libraries and contract packages, never from
// another program. Pulumi calls the exported function and publishes what it returns as the stack's
// outputs, typed by @platform/pioneer-agent-contract.
import { pioneerAgentProgram } from "./src/program";

export = pioneerAgentProgram;
