/**
 * What cluster-base, networking and observability publish in each environment, as tests of this
 * program read them: the outputs the offline plan shows for those stacks, checked against the
 * contracts themselves, so a new upstream output cannot be forgotten here.
 */
import { clusterBase } from "@platform/cluster-base/contract";
import type { Environment } from "@platform/config";
import { networking } from "@platform/networking/contract";
import { observability } from "@platform/observability/contract";
import { upstreamStacks as platformUpstreamStacks, type MockRuntimeOptions } from "@platform/testing";

/** The `stackOutputs` of a mock runtime for one environment. */
export function upstreamStacks(environment: Environment): NonNullable<MockRuntimeOptions["stackOutputs"]> {
  return platformUpstreamStacks(environment, ["cluster-base", "networking", "observability"], {
    "cluster-base": clusterBase,
    networking,
    observability,
  });
}
