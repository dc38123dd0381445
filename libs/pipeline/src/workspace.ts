import { resolve } from "node:path";

/** The repository root: this file is libs/pipeline/src/workspace.ts. */
export const WORKSPACE_ROOT = resolve(__dirname, "../../..");
