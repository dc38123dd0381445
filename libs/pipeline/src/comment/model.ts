import type { AffectedStack } from "../affected";
import type { OutputsChange } from "../outputs/outputs-diff";
import type { StackChanges } from "../preview/changes";

/** What happened when the pipeline previewed one stack. */
export type StackPreviewResult =
  | { readonly status: "previewed"; readonly changes: StackChanges }
  | { readonly status: "failed"; readonly message: string; readonly changes?: StackChanges };

export interface PreviewedStack extends AffectedStack {
  readonly result: StackPreviewResult;
}

export interface EnvironmentPreview {
  readonly environment: string;
  /** The affected stacks in dependency order, with their previews. */
  readonly stacks: readonly PreviewedStack[];
  /** Why this environment was not previewed at all (no credentials, for example). */
  readonly skipped?: string;
}

export interface CommentInput {
  readonly base: string;
  readonly head: string;
  readonly environments: readonly EnvironmentPreview[];
  /** Stacks whose outputs differ between the offline plans of the base and the head. */
  readonly outputsChanges: readonly OutputsChange[];
  /** Why the outputs were not compared, when they were not. */
  readonly outputsNotCompared?: string;
  /** Where the whole report lives (the CircleCI job's artifacts). */
  readonly reportUrl?: string;
}
