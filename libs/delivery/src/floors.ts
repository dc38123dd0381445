/**
 * The workspace has three floors, and a package uses only its own floor and the floors below:
 *
 *   program   projects/*   Pulumi programs; they share contracts and libraries, never each other's code
 *   library   libs/*, e2e  shared components and tooling
 *   contract  contracts/*  what each stack publishes, and the primitives contracts are written with
 *                          (stack-contracts, config, testing: tagged `floor:contract`)
 *
 * A package's floor is its `floor:<name>` tag, else the folder it lives in. An arrow back up (a
 * library importing a program) would make every change to that program invalidate the library's
 * cache and its users', and would tie code that cannot deploy to code that does.
 */
import type { WorkspaceGraph, WorkspaceProject } from "./workspace-graph";

export const FLOORS = ["contract", "library", "program"] as const;
export type Floor = (typeof FLOORS)[number];

/** What each floor may depend on. */
const MAY_USE: Readonly<Record<Floor, readonly Floor[]>> = {
  program: ["library", "contract"],
  library: ["library", "contract"],
  contract: ["contract"],
};

const PLURAL: Readonly<Record<Floor, string>> = { program: "programs", library: "libraries", contract: "contracts" };

const FOLDER_FLOORS: Readonly<Record<string, Floor>> = { projects: "program", libs: "library", e2e: "library", contracts: "contract" };

export function floorOf(project: Pick<WorkspaceProject, "root" | "tags">): Floor | undefined {
  const tagged = project.tags?.find((tag) => tag.startsWith("floor:"))?.slice("floor:".length);
  if (tagged !== undefined) return (FLOORS as readonly string[]).includes(tagged) ? (tagged as Floor) : undefined;
  return FOLDER_FLOORS[project.root.split("/")[0]!];
}

function describeRule(floor: Floor): string {
  const allowed = MAY_USE[floor];
  const programs = floor === "program" ? " (programs share contracts and libraries, never each other's code)" : "";
  return `a ${floor} may use ${allowed.map((f) => PLURAL[f]).join(" and ")} only${programs}`;
}

/** Every edge of the Nx project graph that points to a floor its source may not use, in words. */
export function floorViolations(graph: WorkspaceGraph): string[] {
  const problems: string[] = [];
  for (const [source, targets] of Object.entries(graph.dependencies)) {
    const from = graph.projects[source];
    if (!from) continue;
    const fromFloor = floorOf(from);
    if (!fromFloor) {
      problems.push(`${from.root}: tagged ${from.tags?.find((tag) => tag.startsWith("floor:"))}, expected one of ${FLOORS.map((f) => `floor:${f}`).join(", ")}`);
      continue;
    }
    for (const target of targets) {
      const to = graph.projects[target];
      if (!to) continue;
      const toFloor = floorOf(to);
      if (toFloor === undefined || MAY_USE[fromFloor].includes(toFloor)) continue;
      problems.push(`${from.root} (${fromFloor}) depends on ${to.root} (${toFloor}): ${describeRule(fromFloor)}`);
    }
  }
  return problems.sort();
}
