import type { PlatformPolicy } from "../resource";
import { chartAvailability, chartPinned, chartResources, chartSecurityContext, chartServiceExposure } from "./chart-values";
import { containerResources } from "./container-resources";
import { disruptionBudget } from "./disruption-budget";
import { gatewayTls } from "./gateway-tls";
import { readOnlyRootFilesystem, serviceAccountToken } from "./hardening";
import { httpRouteScope } from "./http-route-scope";
import { imageSource } from "./image-source";
import { ingressTls } from "./ingress-tls";
import { recommendedLabels } from "./labels";
import { noRawYaml } from "./no-raw-yaml";
import { podSecurityRestricted } from "./pod-security";
import { workloadProbes } from "./probes";
import { productionCluster } from "./production-cluster";
import { secretEnv } from "./secret-env";
import { serviceExposure } from "./service-exposure";
import { sharedVolume } from "./shared-volume";
import { storageClass } from "./storage-class";

export {
  chartAvailability,
  chartPinned,
  chartResources,
  chartSecurityContext,
  chartServiceExposure,
  containerResources,
  disruptionBudget,
  gatewayTls,
  httpRouteScope,
  imageSource,
  ingressTls,
  noRawYaml,
  podSecurityRestricted,
  productionCluster,
  readOnlyRootFilesystem,
  recommendedLabels,
  secretEnv,
  serviceAccountToken,
  serviceExposure,
  sharedVolume,
  storageClass,
  workloadProbes,
};

/** Every platform policy, as written: without exemptions applied. */
export const PLATFORM_POLICIES: readonly PlatformPolicy[] = [
  noRawYaml,
  imageSource,
  containerResources,
  workloadProbes,
  podSecurityRestricted,
  readOnlyRootFilesystem,
  serviceAccountToken,
  secretEnv,
  disruptionBudget,
  serviceExposure,
  ingressTls,
  gatewayTls,
  httpRouteScope,
  storageClass,
  sharedVolume,
  recommendedLabels,
  productionCluster,
  chartPinned,
  chartResources,
  chartSecurityContext,
  chartAvailability,
  chartServiceExposure,
];
