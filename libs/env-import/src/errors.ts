/** A problem the user fixes outside the code (no CLI, no stack, a bad stack file): printed without a stack trace. */
export class ImportError extends Error {
  override readonly name = "ImportError";
}
