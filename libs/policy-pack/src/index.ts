/**
 * Library floor: the platform's rules as a Pulumi policy pack, for previews, deploys and the offline plan.
 */
export { collectViolations, resourceArgs, stackArgs, type PolicyConfig, type ReportedViolation, type ResourceInput } from "./args";
export { enforcedPolicies, evaluatePolicies, type Evaluation, type Finding } from "./enforce";
export { EXEMPTIONS, exemptionFor, type Exemption } from "./exemptions";
export * from "./policies/index";
export type { PlatformPolicy, ResourcePolicy, StackPolicy } from "./resource";
export { IMAGE_SOURCE_DEFAULTS, type ImageSourceConfig } from "./policies/image-source";
export { isWithinDomain, PUBLIC_DOMAIN_DEFAULTS, type PublicDomainConfig } from "./policies/public-domain";
export { STORAGE_CLASS_DEFAULTS, type StorageClassConfig } from "./policies/storage-class";
