/**
 * The one pull-request comment that sums up every affected stack's preview. It is rewritten in
 * place on each push, found again by the hidden marker on its first line.
 */
import { describeOutputsChange, type OutputsChange } from "../outputs/outputs-diff";
import { CRITICAL_RESOURCES, criticalChanges, type ChangeKind, type ResourceChange, type StackChanges } from "../preview/changes";
import type { CommentInput, EnvironmentPreview, PreviewedStack } from "./model";

export const COMMENT_MARKER = "<!-- platform:pulumi-preview -->";

/** GitHub refuses a comment body longer than this many characters. */
export const GITHUB_COMMENT_LIMIT = 65_536;

/** Resources listed per stack before the rest are counted instead, so one huge stack cannot crowd out the others. */
export const RESOURCES_LISTED_PER_STACK = 60;

const SYMBOL: Readonly<Record<ChangeKind, string>> = { create: "+", update: "~", replace: "±", delete: "-", import: "=" };

const short = (sha: string): string => sha.slice(0, 7);

function changesOf(stack: PreviewedStack): StackChanges | undefined {
  return stack.result.changes;
}

function upstreamChangesFor(environment: string, stack: PreviewedStack, outputs: readonly OutputsChange[]): OutputsChange[] {
  return outputs.filter((change) => change.environment === environment && stack.dependsOn.includes(change.project));
}

/**
 * A stack is collapsed when its preview plans nothing and no upstream output it reads changes: a
 * dependent whose preview is empty only because it ran against today's outputs stays in view.
 */
function isCollapsed(environment: string, stack: PreviewedStack, outputs: readonly OutputsChange[]): boolean {
  return stack.result.status === "previewed" && stack.result.changes.changes.length === 0 && upstreamChangesFor(environment, stack, outputs).length === 0;
}

function criticalAlerts(input: CommentInput): string[] {
  const lines: string[] = [];
  for (const { environment, stacks } of input.environments) {
    for (const stack of stacks) {
      const changes = changesOf(stack);
      if (!changes) continue;
      for (const change of criticalChanges(changes)) {
        const verb = change.kind === "replace" ? "REPLACES" : "DELETES";
        const because = change.reasons.length > 0 ? ` because ${change.reasons.map((r) => `\`${r}\``).join(", ")} changed` : "";
        lines.push(`> **This change ${verb} ${CRITICAL_RESOURCES[change.type]}** in **${environment}** (\`${stack.project}\`: \`${change.name}\`${because}).`);
      }
    }
  }
  if (lines.length === 0) return [];
  return [
    "> [!CAUTION]",
    ...lines.flatMap((line) => [line, ">"]),
    "> Merge only if this is intended and the data on the cluster is accounted for: dev deploys on merge, staging and production each after an approval.",
    "",
  ];
}

function countCell(changes: StackChanges | undefined, kind: ChangeKind): string {
  if (!changes) return "";
  const count = changes.counts[kind];
  return count === 0 ? "·" : String(count);
}

function whyCell(stack: PreviewedStack): string {
  if (stack.reason === "direct") return "direct";
  return stack.dependsOn.length > 0 ? `dependent (reads ${stack.dependsOn.join(", ")})` : "dependent";
}

function statusCell(environment: string, stack: PreviewedStack, outputs: readonly OutputsChange[]): string {
  const notes: string[] = [];
  if (stack.result.status === "failed") notes.push("✗ preview failed");
  if (changesOf(stack) && criticalChanges(changesOf(stack)!).length > 0) notes.push("🚨 critical");
  if (upstreamChangesFor(environment, stack, outputs).length > 0) notes.push("⚠ upstream outputs change");
  return notes.join(", ");
}

function summaryTable(input: CommentInput): string[] {
  const rows: string[] = [];
  for (const { environment, stacks } of input.environments) {
    for (const stack of stacks.filter((s) => !isCollapsed(environment, s, input.outputsChanges))) {
      const changes = changesOf(stack);
      const cells = [
        environment,
        `\`${stack.project}\``,
        whyCell(stack),
        ...(["create", "update", "replace", "delete"] as const).map((kind) => countCell(changes, kind)),
        statusCell(environment, stack, input.outputsChanges),
      ];
      rows.push(`| ${cells.join(" | ")} |`);
    }
  }
  if (rows.length === 0) return [];
  return ["| env | stack | why | + create | ~ update | ± replace | - delete | |", "|---|---|---|--:|--:|--:|--:|---|", ...rows, ""];
}

function noOpLines(input: CommentInput): string[] {
  const lines: string[] = [];
  for (const { environment, stacks } of input.environments) {
    const unchanged = stacks.filter((stack) => isCollapsed(environment, stack, input.outputsChanges));
    if (unchanged.length > 0) lines.push(`- **${environment}**: ${unchanged.map((s) => `\`${s.project}\``).join(", ")}`);
  }
  return lines.length === 0 ? [] : ["<details><summary>Affected, but the preview plans no change</summary>", "", ...lines, "", "</details>", ""];
}

function environmentNotes(input: CommentInput): string[] {
  const lines: string[] = [];
  for (const environment of input.environments) {
    if (environment.skipped) lines.push(`- **${environment.environment}** was not previewed: ${environment.skipped}`);
    else if (environment.stacks.length === 0) lines.push(`- **${environment.environment}**: no stack is affected.`);
  }
  if (input.outputsNotCompared) lines.push(`- Upstream outputs were not compared: ${input.outputsNotCompared}`);
  return lines.length === 0 ? [] : [...lines, ""];
}

function resourceLine(change: ResourceChange): string {
  const reasons = change.reasons.length > 0 ? ` (${change.reasons.join(", ")})` : "";
  return `    ${SYMBOL[change.kind]} ${change.kind.padEnd(7)} ${change.type} ${change.name}${reasons}`;
}

/** The collapsible block of one stack that changes or failed: its notes and its resources. */
function stackDetails(environment: string, stack: PreviewedStack, outputs: readonly OutputsChange[]): string {
  const changes = changesOf(stack);
  const counts = changes ? (Object.keys(SYMBOL) as ChangeKind[]).filter((k) => changes.counts[k] > 0).map((k) => `${SYMBOL[k]}${changes.counts[k]}`) : [];
  const summary = [`<b>${environment} / ${stack.project}</b>`, whyCell(stack), ...(counts.length > 0 ? [counts.join(" ")] : [])].join(" · ");
  const lines = [`<details><summary>${summary}</summary>`, ""];
  for (const upstream of upstreamChangesFor(environment, stack, outputs)) {
    lines.push(
      `> [!WARNING]`,
      `> Reads \`${upstream.project}\`, whose outputs change in this pull request (${describeOutputsChange(upstream)}). ` +
        `This preview runs against the outputs deployed today; their effect here shows once \`${upstream.project}\` is deployed, in the same release.`,
      "",
    );
  }
  if (stack.result.status === "failed") {
    const message = stack.result.message.split("\n").slice(0, 30).join("\n");
    lines.push("**The preview failed:**", "", "```", message, "```", "");
  }
  if (changes && changes.changes.length > 0) {
    const listed = changes.changes.slice(0, RESOURCES_LISTED_PER_STACK);
    lines.push("```", ...listed.map(resourceLine));
    if (changes.changes.length > listed.length) lines.push(`    ... and ${changes.changes.length - listed.length} more`);
    lines.push("```", "");
  }
  lines.push("</details>", "");
  return lines.join("\n");
}

function title(input: CommentInput): string {
  const stacks = input.environments.flatMap((environment) => environment.stacks);
  const changing = stacks.filter((stack) => stack.result.status === "failed" || stack.result.changes.changes.length > 0).length;
  const failed = stacks.filter((stack) => stack.result.status === "failed").length;
  const parts = [`${changing} of ${stacks.length} affected stack${stacks.length === 1 ? "" : "s"} change`];
  if (failed > 0) parts.push(`${failed} failed to preview`);
  return `## Pulumi preview: ${parts.join(", ")}\n\nBase \`${short(input.base)}\`, head \`${short(input.head)}\`. Each environment is previewed in dependency order against what is deployed there today.\n`;
}

function truncationNote(left: number, reportUrl: string | undefined): string {
  const where = reportUrl ? `[the CircleCI artifacts](${reportUrl})` : "the CircleCI job's artifacts";
  return `_${left} stack detail${left === 1 ? "" : "s"} left out to stay under GitHub's ${GITHUB_COMMENT_LIMIT.toLocaleString("en-US")}-character comment limit; the whole report is in ${where}._\n`;
}

/**
 * Renders the comment. Critical changes, the summary table and the notes always come first; the
 * per-stack details follow in deployment order until the next one would pass GitHub's limit.
 */
export function renderComment(input: CommentInput, limit = GITHUB_COMMENT_LIMIT): string {
  const head = [COMMENT_MARKER, title(input), ...criticalAlerts(input), ...summaryTable(input), ...noOpLines(input), ...environmentNotes(input)].join("\n");
  const details = input.environments.flatMap((environment: EnvironmentPreview) =>
    environment.stacks.filter((stack) => !isCollapsed(environment.environment, stack, input.outputsChanges)).map((stack) => stackDetails(environment.environment, stack, input.outputsChanges)),
  );

  let body = head;
  for (const [index, block] of details.entries()) {
    const note = index < details.length - 1 ? truncationNote(details.length - index - 1, input.reportUrl) : "";
    if ((body + "\n" + block + note).length > limit) return fitWithin(body + "\n" + truncationNote(details.length - index, input.reportUrl), limit, input.reportUrl);
    body += "\n" + block;
  }
  return fitWithin(body, limit, input.reportUrl);
}

/** Last resort for a summary that alone passes the limit: cut it and say so. */
function fitWithin(body: string, limit: number, reportUrl: string | undefined): string {
  if (body.length <= limit) return body;
  const note = `\n\n_Cut at GitHub's comment limit; the whole report is in ${reportUrl ? `[the CircleCI artifacts](${reportUrl})` : "the CircleCI job's artifacts"}._\n`;
  return body.slice(0, limit - note.length) + note;
}
