import type { StackResult } from "./scheduler";

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}

function countBy<T>(items: readonly T[], key: (item: T) => string): [string, number][] {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return [...counts].sort(([a], [b]) => a.localeCompare(b));
}

function shortType(type: string): string {
  // kubernetes:apps/v1:Deployment -> apps/v1 Deployment; digitalocean:index/vpc:Vpc -> digitalocean Vpc
  const [pkg, module = "", name = type] = type.split(":");
  return module.startsWith("index") ? `${pkg} ${name}` : pkg === "kubernetes" ? `${module} ${name}` : `${pkg} ${module} ${name}`;
}

function preview(value: unknown): string {
  const text = typeof value === "string" ? value : JSON.stringify(value);
  return text.length > 72 ? `${text.slice(0, 69)}...` : text;
}

/**
 * A readable account of each stack's plan, in the order the stacks deploy. With `failuresOnly`,
 * only failed stacks are described; the closing line still counts every stack.
 */
export function renderSummary(results: readonly StackResult[], options: { readonly failuresOnly?: boolean } = {}): string {
  const lines: string[] = [];
  for (const result of results) {
    if (options.failuresOnly && result.ok) continue;
    const title = `${result.project} (${result.stack})`;
    if (!result.ok && result.blockedBy) {
      lines.push(`- ${title}: ${result.message}`, "");
      continue;
    }
    if (!result.ok) {
      lines.push(`✗ ${title}`, ...result.message.split("\n").map((line) => `    ${line}`), "");
      continue;
    }
    const { plan } = result;
    const custom = plan.resources.filter((resource) => resource.custom);
    const components = plan.resources.length - custom.length;
    lines.push(
      `✓ ${title}: ${plural(custom.length, "resource")} in ${plural(components, "component")}, ${Math.round(result.durationMs)} ms`,
    );
    if (plan.stackReferences.length > 0) lines.push(`    reads     ${plan.stackReferences.join(", ")}`);
    for (const [type, count] of countBy(custom, (resource) => shortType(resource.type))) {
      lines.push(`    ${String(count).padStart(3)} × ${type}`);
    }
    const unanswered = plan.invokes.filter((invoke) => !invoke.answered);
    if (unanswered.length > 0) lines.push(`    offline answers missing for: ${unanswered.map((invoke) => invoke.token).join(", ")}`);
    lines.push("    outputs");
    for (const [key, value] of Object.entries(plan.outputs)) lines.push(`      ${key.padEnd(18)} ${preview(value)}`);
    lines.push("");
  }
  const failed = results.filter((result) => !result.ok && !result.blockedBy).length;
  const blocked = results.filter((result) => !result.ok && result.blockedBy).length;
  lines.push(
    failed === 0
      ? `Planned ${plural(results.length, "stack")}.`
      : `${failed} of ${plural(results.length, "stack")} failed to plan` +
          (blocked > 0 ? `; ${blocked} more ${blocked === 1 ? "was" : "were"} not planned because a stack ${blocked === 1 ? "it reads" : "they read"} failed.` : "."),
  );
  return lines.join("\n");
}
