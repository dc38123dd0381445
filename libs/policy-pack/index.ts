import { PolicyPack } from "@pulumi/policy";
import { enforcedPolicies, PLATFORM_POLICIES } from "./src/index";

// Runs with every `pulumi preview` and `pulumi up` (the Nx targets pass `--policy-pack`).
new PolicyPack("degen-platform", {
  description: "The platform's guardrails: what every stack must satisfy before it reaches a cluster.",
  policies: enforcedPolicies(PLATFORM_POLICIES),
});
