/**
 * The platform a service under test is built on: what cluster-base, networking and observability
 * really publish in an environment, from their contract packages' examples.
 */
import * as pulumi from "@pulumi/pulumi";
import { clusterBaseExamples } from "@platform/cluster-base-contract/examples";
import type { Environment } from "@platform/config";
import { networkingExamples } from "@platform/networking-contract/examples";
import { observabilityExamples } from "@platform/observability-contract/examples";
import type { ServicePlatform } from "./platform";

/** The upstream outputs of one environment, as plain values. */
export function testContracts(environment: Environment = "dev") {
  return {
    clusterBase: clusterBaseExamples.byEnvironment[environment],
    networking: networkingExamples.byEnvironment[environment],
    observability: observabilityExamples.byEnvironment[environment],
  };
}

/** The upstream outputs of `dev`, which most tests build on. */
export const TEST_CONTRACTS = testContracts("dev");

type Plain<T> = { [K in keyof T]: pulumi.Output<T[K]> };
const outputs = <T extends object>(values: T) =>
  Object.fromEntries(Object.entries(values).map(([key, value]) => [key, pulumi.output(value)])) as unknown as Plain<T>;

/** A {@link ServicePlatform} of one environment, for tests of components built on it. */
export function testPlatform(environment: Environment = "dev", tenant = "degenquest"): ServicePlatform {
  const contracts = testContracts(environment);
  return {
    environment,
    tenant,
    clusterBase: outputs(contracts.clusterBase),
    networking: outputs(contracts.networking),
    observability: outputs(contracts.observability),
  };
}
