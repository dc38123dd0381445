export { describeFinding, findManifests, isCandidate, manifestKinds, type ManifestFinding } from "./detect";
export { checkRepository, repositoryFiles, type RepositoryCheck } from "./repository";
