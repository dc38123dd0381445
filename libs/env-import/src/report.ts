import type { ImportPlan } from "./plan";

const MASK = "[secret]";

/** The plan in words, secrets masked: what a dry run prints and what an import confirms. */
export function renderPlan(plan: ImportPlan, file: string, dryRun: boolean): string {
  const lines = [`${dryRun ? "Would import" : "Importing"} ${file} into ${plan.project}/${plan.stack}${dryRun ? " (dry run: nothing is changed)" : ""}:`];
  const width = Math.max(0, ...plan.settings.map((setting) => setting.key.length));
  for (const setting of plan.settings) {
    const shown = setting.secret ? MASK : JSON.stringify(setting.value);
    lines.push(`  ${setting.secret ? "secret" : "plain "}  ${setting.key.padEnd(width)} = ${shown}${setting.secret ? `  (${setting.reason})` : ""}`);
  }
  for (const { name, line } of plan.skipped) {
    lines.push(`  skip    ${name} (line ${line}): a secret with an empty value; the stack keeps what it holds`);
  }
  for (const key of plan.removals) lines.push(`  remove  ${key} (the name moved between plain and secret)`);
  if (plan.untouched.length > 0) {
    lines.push(`  The stack also holds ${plan.untouched.length} setting(s) the file does not mention; they stay:`);
    for (const key of plan.untouched) lines.push(`    ${key}   (remove: pulumi config rm --stack ${plan.stack} --path ${key})`);
  }
  const secrets = plan.settings.filter((setting) => setting.secret).length;
  lines.push(`${plan.settings.length - secrets} plain setting(s), ${secrets} secret(s), ${plan.skipped.length} skipped, ${plan.removals.length} removed.`);
  return lines.join("\n");
}
