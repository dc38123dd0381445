import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { WORKSPACE_ROOT } from "./global-setup";
import { allPlans } from "./plans";

const RUNBOOK = "docs/runbooks/alerts.md";
const PROMETHEUS_RULE = "kubernetes:monitoring.coreos.com/v1:PrometheusRule";

interface RuleSpec {
  readonly groups?: readonly { readonly rules?: readonly { readonly alert?: unknown }[] }[];
}

/** Every alert that any stack of any environment declares, with where it was found. */
function declaredAlerts(): Map<string, string> {
  const alerts = new Map<string, string>();
  for (const plan of allPlans()) {
    for (const resource of plan.resources.filter((candidate) => candidate.type === PROMETHEUS_RULE)) {
      for (const group of (resource.inputs.spec as RuleSpec | undefined)?.groups ?? []) {
        for (const rule of group.rules ?? []) {
          if (typeof rule.alert === "string" && !alerts.has(rule.alert)) alerts.set(rule.alert, `${plan.project}/${plan.stack} ${resource.name}`);
        }
      }
    }
  }
  return alerts;
}

describe("the alerts runbook", () => {
  const headings = new Set(
    [...readFileSync(join(WORKSPACE_ROOT, RUNBOOK), "utf8").matchAll(/^###\s+(\S.*?)\s*$/gm)].map((match) => match[1]!),
  );

  it("has a section for every alert that a stack declares, in any environment", () => {
    const alerts = declaredAlerts();
    expect(alerts.size).toBeGreaterThan(5);
    const missing = [...alerts].filter(([alert]) => !headings.has(alert)).map(([alert, where]) => `${alert} (${where})`);
    expect(missing, `add a "### <alert>" section to ${RUNBOOK} saying what it means and what to do`).toEqual([]);
  });

  it("has a section for what the nightly pipeline reports: drift and unmanaged objects", () => {
    expect([...headings]).toEqual(expect.arrayContaining(["Drift detected", "Unmanaged objects found"]));
  });
});
