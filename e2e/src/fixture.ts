/**
 * The autoscaled fixture (src/fixtures/autoscaled-service): a stateless PlatformService with an
 * autoscaler in the pioneer-agent tenant, deployed by the real engine as a project that exists only
 * in the run's folder, so neither Nx nor the pipeline ever sees it as a platform stack.
 */
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { z } from "zod";
import { AUTOSCALED_SERVICE, AUTOSCALED_SERVICE_TENANT } from "./fixtures/autoscaled-service/names";
import { E2E_STACK, type PulumiCli } from "./pulumi";
import { mustRun } from "./process";
import { quantityValue } from "./quantity";

const FIXTURE_DIR = join(__dirname, "fixtures", "autoscaled-service");
const CONFIG_FILE = join(FIXTURE_DIR, `config.${E2E_STACK}.yaml`);

const millicores = z.string().transform((value, context) => {
  try {
    // Kubernetes keeps CPU to whole millicores.
    return Math.round(quantityValue(value) * 1000);
  } catch (error) {
    context.addIssue({ code: "custom", message: (error as Error).message });
    return z.NEVER;
  }
});

const fixtureConfig = z.object({
  [`${AUTOSCALED_SERVICE}:autoscaling`]: z.object({
    minReplicas: z.number().int().min(1),
    maxReplicas: z.number().int().min(1),
    cpuUtilizationPercent: z.number().int().min(10).max(100),
    scaleDownStabilizationSeconds: z.number().int().min(0),
  }),
  [`${AUTOSCALED_SERVICE}:resources`]: z.object({ cpuRequest: millicores }),
});

/** What the fixture's stack config promises, which the resilience tests hold the cluster to. */
export interface AutoscalingPromise {
  readonly namespace: string;
  readonly deployment: string;
  readonly minReplicas: number;
  readonly maxReplicas: number;
  readonly cpuUtilizationPercent: number;
  readonly scaleDownStabilizationSeconds: number;
  /** The CPU request that utilisation is measured against. */
  readonly cpuRequestMillicores: number;
}

/** Reads the fixture's stack config: every value the tests assert comes from it. */
export function readAutoscalingPromise(text: string = readFileSync(CONFIG_FILE, "utf8")): AutoscalingPromise {
  const parsed = fixtureConfig.safeParse((parse(text) as { config?: unknown } | null)?.config ?? {});
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
    throw new Error(`${CONFIG_FILE} is not the fixture's stack config:\n  - ${problems.join("\n  - ")}`);
  }
  const scaling = parsed.data[`${AUTOSCALED_SERVICE}:autoscaling`];
  return {
    namespace: AUTOSCALED_SERVICE_TENANT,
    deployment: AUTOSCALED_SERVICE,
    ...scaling,
    cpuRequestMillicores: parsed.data[`${AUTOSCALED_SERVICE}:resources`].cpuRequest,
  };
}

/** The fixture's project folder in the run's folder: a Pulumi.yaml whose `main` is the committed program. */
function writeProject(runDir: string): string {
  const root = join(runDir, AUTOSCALED_SERVICE);
  mkdirSync(root, { recursive: true });
  writeFileSync(
    join(root, "Pulumi.yaml"),
    `name: ${AUTOSCALED_SERVICE}\nruntime:\n  name: nodejs\n  options:\n    packagemanager: npm\nmain: ${JSON.stringify(FIXTURE_DIR)}\n`,
  );
  copyFileSync(CONFIG_FILE, join(root, `Pulumi.${E2E_STACK}.yaml`));
  return root;
}

/** Deploys the fixture after the platform's stacks; returns its project folder, for destroy. */
export async function deployAutoscaledService(pulumi: PulumiCli, runDir: string): Promise<string> {
  const root = writeProject(runDir);
  await pulumi.initStack(root);
  await mustRun(`pulumi up of the ${AUTOSCALED_SERVICE} fixture`, "pulumi", ["up", "--stack", E2E_STACK, "--yes", "--skip-preview"], {
    cwd: root,
    env: pulumi.env,
    capture: true,
    timeoutSeconds: 600,
  });
  return root;
}

export async function destroyAutoscaledService(pulumi: PulumiCli, root: string): Promise<void> {
  await mustRun(`pulumi destroy of the ${AUTOSCALED_SERVICE} fixture`, "pulumi", ["destroy", "--stack", E2E_STACK, "--yes", "--skip-preview"], {
    cwd: root,
    env: pulumi.env,
    capture: true,
    timeoutSeconds: 600,
  });
}
