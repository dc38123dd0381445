import type { StackOutputsForReaders, StackPlan } from "./types";

/** Everything a stack run needs: which program, as which stack, with which configuration. */
export interface StackRunRequest {
  readonly project: string;
  readonly projectDir: string;
  /** Folder of the contract package the project publishes, if any: its outputs are checked against it. */
  readonly contractDir?: string;
  readonly stack: string;
  readonly organization: string;
  readonly config: Record<string, string>;
  readonly secretKeys: readonly string[];
}

export type ParentMessage =
  | { readonly kind: "run"; readonly request: StackRunRequest }
  | { readonly kind: "reference"; readonly id: number; readonly result?: StackOutputsForReaders; readonly error?: string };

export type ChildMessage =
  | { readonly kind: "reference"; readonly id: number; readonly stackName: string }
  | { readonly kind: "done"; readonly plan: StackPlan; readonly forReaders: StackOutputsForReaders }
  | {
      readonly kind: "failed";
      readonly message: string;
      readonly badInput: boolean;
      /** The program's run ended and everything it started settled: the worker can plan another stack. */
      readonly reusable: boolean;
    };
