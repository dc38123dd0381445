/**
 * Library floor (tooling): refuses hand-written Kubernetes manifests in the repository.
 */
export { describeFinding, findManifests, isCandidate, manifestKinds, type ManifestFinding } from "./detect";
export { checkRepository, repositoryFiles, type RepositoryCheck } from "./repository";
