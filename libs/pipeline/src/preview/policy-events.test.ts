import { describe, expect, it } from "vitest";
import { mandatoryPolicyViolations } from "./policy-events";

const event = (policyEvent: Record<string, unknown>) => JSON.stringify({ sequence: 7, timestamp: 1, policyEvent });

describe("mandatoryPolicyViolations", () => {
  it("names the policy, the resource and the message of each mandatory violation, and skips the rest", () => {
    const log = [
      JSON.stringify({ sequence: 1, timestamp: 1, preludeEvent: { config: {} } }),
      event({
        resourceUrn: "urn:pulumi:e2e::degenquest::platform:service:PlatformService$kubernetes:apps/v1:StatefulSet::degen-server-statefulset",
        message: 'StatefulSet degen-server: container "degen-server" uses image "docker.io/someone/degen-server:9f4c" from outside the platform registry.\n',
        color: "never",
        policyName: "image-source",
        policyPackName: "degen-platform",
        policyPackVersion: "0.0.0",
        enforcementLevel: "mandatory",
      }),
      event({ message: "advice", color: "never", policyName: "labels", policyPackName: "p", policyPackVersion: "0", enforcementLevel: "advisory" }),
      '{"sequence": 9, "policyEvent": {"message": "cut sh',
    ].join("\n");
    expect(mandatoryPolicyViolations(log)).toEqual([
      'image-source (degen-server-statefulset): StatefulSet degen-server: container "degen-server" uses image "docker.io/someone/degen-server:9f4c" from outside the platform registry.',
    ]);
  });

  it("finds none in a log without policy events", () => {
    expect(mandatoryPolicyViolations("")).toEqual([]);
  });
});
