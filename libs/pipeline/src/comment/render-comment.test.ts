import { describe, expect, it } from "vitest";
import type { OutputsChange } from "../outputs/outputs-diff";
import { stackChanges } from "../preview/changes";
import { previewFixture } from "../preview/fixtures";
import type { CommentInput, PreviewedStack } from "./model";
import { COMMENT_MARKER, GITHUB_COMMENT_LIMIT, renderComment } from "./render-comment";

const BASE = "1f2e3d4c5b6a79880716253443526170819a0b1c";
const HEAD = "a9b8c7d6e5f40312233445566778899aabbccdde";

function previewed(project: string, fixture: Parameters<typeof previewFixture>[0], extra: Partial<PreviewedStack> = {}): PreviewedStack {
  const environment = fixture.split(".")[1]!;
  return { project, stack: environment, reason: "direct", dependsOn: [], result: { status: "previewed", changes: stackChanges(previewFixture(fixture)) }, ...extra };
}

function input(overrides: Partial<CommentInput> = {}): CommentInput {
  return {
    base: BASE,
    head: HEAD,
    environments: [
      {
        environment: "dev",
        stacks: [
          previewed("networking", "no-op.dev", { reason: "dependent", dependsOn: ["cluster-base"] }),
          previewed("degenquest", "app-update.dev"),
        ],
      },
      { environment: "staging", stacks: [] },
      { environment: "production", stacks: [previewed("cluster-base", "cluster-replacement.production")] },
    ],
    outputsChanges: [],
    ...overrides,
  };
}

describe("renderComment", () => {
  it("starts with the hidden marker that finds the comment again on the next push", () => {
    expect(renderComment(input()).split("\n")[0]).toBe(COMMENT_MARKER);
  });

  it("puts a planned replacement of the DOKS cluster in a caution block above everything else", () => {
    const body = renderComment(input());
    const caution = body.indexOf("> [!CAUTION]");
    expect(caution).toBeGreaterThan(0);
    expect(caution).toBeLessThan(body.indexOf("| env | stack |"));
    expect(body).toContain(
      "> **This change REPLACES the DOKS cluster: every workload, volume attachment and load balancer on it goes with it** in **production** " +
        "(`cluster-base`: `doks-cluster` because `region`, `vpcUuid` changed).",
    );
  });

  it("has no caution block when the cluster stays", () => {
    const body = renderComment(input({ environments: [{ environment: "dev", stacks: [previewed("degenquest", "app-update.dev")] }] }));
    expect(body).not.toContain("[!CAUTION]");
  });

  it("lists each changing stack with its counts and whether it is direct or dependent", () => {
    const body = renderComment(input());
    expect(body).toContain("| dev | `degenquest` | direct | 1 | 1 | · | 1 |  |");
    expect(body).toContain("| production | `cluster-base` | direct | · | 1 | 2 | · | 🚨 critical |");
    expect(body).toContain("## Pulumi preview: 2 of 3 affected stacks change");
  });

  it("collapses stacks whose preview plans no change into one line, out of the table", () => {
    const body = renderComment(input());
    expect(body).not.toContain("| dev | `networking`");
    expect(body).toContain("<details><summary>Affected, but the preview plans no change</summary>\n\n- **dev**: `networking`");
    expect(body).not.toContain("dev / networking");
  });

  it("says when an environment has no affected stack", () => {
    expect(renderComment(input())).toContain("- **staging**: no stack is affected.");
  });

  it("lists every changed resource of a stack with its reasons", () => {
    const body = renderComment(input());
    expect(body).toContain("<details><summary><b>dev / degenquest</b> · direct · +1 ~1 -1</summary>");
    expect(body).toContain("    ~ update  kubernetes:apps/v1:Deployment degenquest-deployment (spec)");
    expect(body).toContain("    ± replace digitalocean:index/kubernetesCluster:KubernetesCluster doks-cluster (region, vpcUuid)");
  });

  it("warns on each dependent whose upstream outputs change that its preview reads today's outputs", () => {
    const outputsChanges: OutputsChange[] = [{ environment: "dev", project: "cluster-base", added: ["storageClass"], removed: [], changed: ["registryServer"] }];
    const stacks = [
      previewed("degenquest", "app-update.dev", { reason: "dependent", dependsOn: ["cluster-base", "networking"] }),
      previewed("pioneer-agent", "app-update.dev", { reason: "dependent", dependsOn: ["networking"] }),
    ];
    const body = renderComment(input({ environments: [{ environment: "dev", stacks }], outputsChanges }));
    expect(body).toContain("| dev | `degenquest` | dependent (reads cluster-base, networking) | 1 | 1 | · | 1 | ⚠ upstream outputs change |");
    expect(body).toContain(
      "> Reads `cluster-base`, whose outputs change in this pull request (`registryServer` changed, `storageClass` added). " +
        "This preview runs against the outputs deployed today; their effect here shows once `cluster-base` is deployed, in the same release.",
    );
    expect(body.match(/> \[!WARNING\]/g)).toHaveLength(1);
  });

  it("keeps a dependent in view when its preview is empty only because it ran against today's upstream outputs", () => {
    const outputsChanges: OutputsChange[] = [{ environment: "dev", project: "cluster-base", added: [], removed: ["storageClass"], changed: [] }];
    const stacks = [previewed("networking", "no-op.dev", { reason: "dependent", dependsOn: ["cluster-base"] })];
    const body = renderComment(input({ environments: [{ environment: "dev", stacks }], outputsChanges }));
    expect(body).toContain("| dev | `networking` | dependent (reads cluster-base) | · | · | · | · | ⚠ upstream outputs change |");
    expect(body).toContain("Reads `cluster-base`, whose outputs change in this pull request (`storageClass` removed).");
    expect(body).not.toContain("plans no change");
  });

  it("does not carry an upstream warning from one environment to another", () => {
    const outputsChanges: OutputsChange[] = [{ environment: "staging", project: "cluster-base", added: [], removed: [], changed: ["kubernetesVersion"] }];
    const stacks = [previewed("degenquest", "app-update.dev", { reason: "dependent", dependsOn: ["cluster-base"] })];
    expect(renderComment(input({ environments: [{ environment: "dev", stacks }], outputsChanges }))).not.toContain("[!WARNING]");
  });

  it("shows a failed preview with its error in the table and the details", () => {
    const violation = 'container-resources (pioneer-agent-deployment): container "client" has no memory limit';
    const parsed = stackChanges(previewFixture("policy-failure.staging"));
    const changes = { ...parsed, errors: [violation, ...parsed.errors] };
    const failed: PreviewedStack = {
      project: "pioneer-agent",
      stack: "staging",
      reason: "direct",
      dependsOn: [],
      result: { status: "failed", message: changes.errors.join("\n"), changes },
    };
    const body = renderComment(input({ environments: [{ environment: "staging", stacks: [failed] }] }));
    expect(body).toContain("## Pulumi preview: 1 of 1 affected stack change, 1 failed to preview");
    expect(body).toContain("| staging | `pioneer-agent` | direct | 1 | · | · | · | ✗ preview failed |");
    expect(body).toContain(`**The preview failed:**\n\n\`\`\`\n${violation}\npreview failed`);
  });

  it("explains an environment that was not previewed", () => {
    const body = renderComment(input({ environments: [{ environment: "dev", stacks: [], skipped: "this job has no Pulumi credentials" }] }));
    expect(body).toContain("- **dev** was not previewed: this job has no Pulumi credentials");
  });

  it("stays under GitHub's limit by leaving out stack details from the end, and says where the rest is", () => {
    const many: PreviewedStack[] = Array.from({ length: 400 }, (_, index) => previewed(`app-${index}`, "app-update.dev"));
    const stacks = [previewed("cluster-base", "cluster-replacement.production"), ...many];
    const body = renderComment(input({ environments: [{ environment: "production", stacks }], reportUrl: "https://circleci.com/gh/degen/platform/42#artifacts" }));
    expect(body.length).toBeLessThanOrEqual(GITHUB_COMMENT_LIMIT);
    expect(body.startsWith(COMMENT_MARKER)).toBe(true);
    expect(body).toContain("[!CAUTION]");
    expect(body).toContain("<b>production / app-0</b>");
    expect(body).not.toContain("<b>production / app-399</b>");
    expect(body).toMatch(
      /_\d+ stack details left out to stay under GitHub's 65,536-character comment limit; the whole report is in \[the CircleCI artifacts\]\(https:\/\/circleci\.com\/gh\/degen\/platform\/42#artifacts\)\._\n$/,
    );
  });

  it("cuts even the summary when it alone is too long, and says so", () => {
    const many: PreviewedStack[] = Array.from({ length: 400 }, (_, index) => previewed(`app-${index}`, "app-update.dev"));
    const body = renderComment(input({ environments: [{ environment: "dev", stacks: many }] }), 2_000);
    expect(body.length).toBeLessThanOrEqual(2_000);
    expect(body).toMatch(/_Cut at GitHub's comment limit; the whole report is in the CircleCI job's artifacts\._\n$/);
  });

  it("lists at most sixty resources of one stack and counts the rest", () => {
    const steps = Array.from({ length: 75 }, (_, index) => ({ op: "create", urn: `urn:pulumi:dev::degenquest::kubernetes:core/v1:ConfigMap::cm-${index}` }));
    const changes = stackChanges({ steps });
    const stack: PreviewedStack = { project: "degenquest", stack: "dev", reason: "direct", dependsOn: [], result: { status: "previewed", changes } };
    const body = renderComment(input({ environments: [{ environment: "dev", stacks: [stack] }] }));
    expect(body).toContain("cm-59");
    expect(body).not.toContain("cm-60");
    expect(body).toContain("    ... and 15 more");
  });
});
