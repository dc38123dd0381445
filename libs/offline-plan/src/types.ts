/** One resource as the program registered it. */
export interface PlannedResource {
  readonly urn: string;
  readonly type: string;
  readonly name: string;
  /** URN of the parent component, or null for a top-level resource. */
  readonly parent: string | null;
  /** Whether a provider manages it (false for components). */
  readonly custom: boolean;
  /** URN of the explicit provider, when one was given. */
  readonly provider?: string;
  readonly protect?: boolean;
  readonly ignoreChanges?: readonly string[];
  /** Properties whose change replaces the resource instead of updating it. */
  readonly replaceOnChanges?: readonly string[];
  /** Inputs as registered, with secret values masked. */
  readonly inputs: Record<string, unknown>;
}

/** The offline plan of one stack, as written to `plan/<env>/<project>.json`. */
export interface StackPlan {
  readonly project: string;
  readonly stack: string;
  readonly resources: readonly PlannedResource[];
  /** Stack outputs, with secret values masked. */
  readonly outputs: Record<string, unknown>;
  /** Fully qualified names of the stacks this program read. */
  readonly stackReferences: readonly string[];
  /** Provider functions the program called, answered offline. */
  readonly invokes: readonly { readonly token: string; readonly answered: boolean }[];
}

/** What a stack hands to the stacks that read it: real (mock) values, secrets included. */
export interface StackOutputsForReaders {
  readonly outputs: Record<string, unknown>;
  readonly secretOutputNames: readonly string[];
}

export const SECRET_MASK = "[secret]";
