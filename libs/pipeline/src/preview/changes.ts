import type { PreviewDigest, PreviewStep } from "./preview-json";

/** What a preview plans for one resource, the way a reviewer counts it. */
export type ChangeKind = "create" | "update" | "replace" | "delete" | "import";

export interface ResourceChange {
  readonly kind: ChangeKind;
  readonly urn: string;
  readonly type: string;
  readonly name: string;
  /** Properties that cause the change: the replace reasons of a replacement, the diff reasons of an update. */
  readonly reasons: readonly string[];
}

export interface StackChanges {
  readonly counts: Readonly<Record<ChangeKind, number>>;
  /** Every changed resource, in the order the preview listed them. */
  readonly changes: readonly ResourceChange[];
  /** Messages of error diagnostics: a failed program, a policy violation, an unreachable provider. */
  readonly errors: readonly string[];
}

/**
 * Pulumi reports one replacement as up to three steps on the same URN (`create-replacement`,
 * `replace`, `delete-replaced`); each maps to the change a reviewer sees. `same`, `read`, `refresh`
 * and `discard` (a read resource leaving the state) change nothing in the cloud.
 */
const KIND_OF_OP: Readonly<Record<string, ChangeKind>> = {
  create: "create",
  update: "update",
  delete: "delete",
  import: "import",
  replace: "replace",
  "create-replacement": "replace",
  "delete-replaced": "replace",
  "discard-replaced": "replace",
  "import-replacement": "replace",
  "read-replacement": "replace",
};

/** Precedence when several steps touch one URN: a replacement outranks its own create and delete. */
const RANK: Readonly<Record<ChangeKind, number>> = { replace: 4, delete: 3, create: 2, import: 1, update: 0 };

export function emptyCounts(): Record<ChangeKind, number> {
  return { create: 0, update: 0, replace: 0, delete: 0, import: 0 };
}

/** `urn:pulumi:<stack>::<project>::<parent$...$type>::<name>` -> type and name. */
export function parseUrn(urn: string): { type: string; name: string } {
  const [, , typeChain = "", ...nameParts] = urn.split("::");
  return { type: typeChain.split("$").pop() ?? typeChain, name: nameParts.join("::") };
}

function changeOf(step: PreviewStep, kind: ChangeKind): ResourceChange {
  const { type, name } = parseUrn(step.urn);
  const reasons = kind === "replace" ? (step.replaceReasons ?? step.diffReasons ?? []) : (step.diffReasons ?? []);
  return { kind, urn: step.urn, type: step.newState?.type ?? step.oldState?.type ?? type, name, reasons };
}

/** The resource changes a `pulumi preview --json` plans, one entry per resource. */
export function stackChanges(digest: PreviewDigest): StackChanges {
  const byUrn = new Map<string, ResourceChange>();
  for (const step of digest.steps ?? []) {
    const kind = KIND_OF_OP[step.op];
    if (!kind) continue;
    const known = byUrn.get(step.urn);
    if (known && RANK[known.kind] >= RANK[kind]) {
      if (known.reasons.length === 0 && kind === known.kind) byUrn.set(step.urn, changeOf(step, kind));
      continue;
    }
    byUrn.set(step.urn, changeOf(step, kind));
  }
  const changes = [...byUrn.values()];
  const counts = emptyCounts();
  for (const change of changes) counts[change.kind] += 1;
  const errors = (digest.diagnostics ?? []).filter((d) => d.severity === "error").map((d) => d.message.trim());
  return { counts, changes, errors };
}

export function hasChanges(changes: StackChanges): boolean {
  return changes.changes.length > 0;
}

/**
 * Resources whose replacement or deletion takes the platform down with it; a preview that plans one
 * is flagged at the top of the pull-request comment.
 */
export const CRITICAL_RESOURCES: Readonly<Record<string, string>> = {
  "digitalocean:index/kubernetesCluster:KubernetesCluster":
    "the DOKS cluster: every workload, volume attachment and load balancer on it goes with it",
};

export function criticalChanges(changes: StackChanges): ResourceChange[] {
  return changes.changes.filter(
    (change) => (change.kind === "replace" || change.kind === "delete") && CRITICAL_RESOURCES[change.type] !== undefined,
  );
}
