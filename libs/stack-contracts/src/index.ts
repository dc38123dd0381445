/**
 * Contract floor: what a producer's stack exports and how a consumer reads it, typed; the primitive
 * every contract package (`contracts/*`) is written with. The stack graph from those packages is in
 * `./workspace` (`@platform/stack-contracts/workspace`).
 */
export * from "./contract";
