// Program floor: the cluster-base Pulumi program, built from libraries and contract packages, never from
// another program. Pulumi calls the exported function and publishes what it returns as the stack's
// outputs, typed by @platform/cluster-base-contract.
import { clusterBaseProgram } from "./src/program";

export = clusterBaseProgram;
