/**
 * Library floor (tooling): renders each pinned Helm chart with the values the offline plan gives it
 * and has a real API server validate every object.
 */
export { ApiServer } from "./api";
export { checkReleases, type CheckOptions, type CheckResult } from "./check";
export { Helm, HelmError, locateChart, type ChartSource } from "./helm";
export { readPlanFolder, releasesOfPlan, RELEASE_TYPE, type Release } from "./plan";
export { crdApiVersions, parseRendered, templateArgs, type RenderedObject } from "./render";
export { formatReport, formatRun, type ChartRun, type Problem } from "./report";
export { formatKeyPath, mergeSubchartDefaults, nearestKeys, reachedAsText, reachedRenderedObjects, readByTemplates, unknownValueKeys, type TemplateSource, type UnknownKey } from "./values-keys";
