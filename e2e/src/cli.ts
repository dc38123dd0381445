#!/usr/bin/env -S node --import tsx
/**
 * `npm run e2e`: every stack of the `e2e` environment deployed by the real Pulumi engine onto a
 * real local control plane, both built from pinned Go modules; then checked, re-previewed,
 * changed, rolled back, drifted, audited, refused by policy and destroyed. Prints each phase's time.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { actors, admissionCounts, admissionIsEnforced, autoscalerScales, countsCover, namespacesFilledByControllers } from "./admission";
import { installPreinstalledAddOns, startControlPlane, type ControlPlane } from "./cluster";
import { controlPlaneAccess, runChaos } from "./chaos";
import { deployAutoscaledService, destroyAutoscaledService } from "./fixture";
import type { DeclaredObject } from "./declared-objects";
import { Kube, describeRef } from "./kube";
import { readWorkspacePackages, stackReads } from "@platform/stack-contracts/workspace";
import { checkDeclaredObjects, destroyStack, preview, readPlatform, rootOf, runTarget, stackGraphMismatches, stacksInOrder, stacksReadInState } from "./platform";
import { E2E_STACK, PulumiCli } from "./pulumi";
import { waitUntilReady } from "./readiness";
import { auditFindsUnmanaged, driftIsFound, policyStopsViolation, rolloutAndRollback, secretRotationRollsPods, volumeGrowsInPlace } from "./scenarios";
import { mustRun } from "./process";
import { Timeline } from "./timeline";
import { WORKSPACE_ROOT, buildToolchain, generateCrds } from "./toolchain";

const USAGE = `Usage: npm run e2e [-- --keep]

  --keep   leave the control plane running and the stacks deployed (after a failure too), and print
           how to reach them`;

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { keep: { type: "boolean", default: false }, help: { type: "boolean", default: false } } });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const timeline = new Timeline();
  const runDir = mkdtempSync(join(tmpdir(), "platform-e2e-"));
  let controlPlane: ControlPlane | undefined;
  const figures: string[] = [];
  try {
    const toolchain = await timeline.phase("toolchain (build or find the pinned engine and control plane)", buildToolchain);
    // The chart check's end-to-end tests need helm and a control plane of this toolchain; they start
    // their own control plane, so they run before this run's starts.
    await timeline.phase("chart check on charts its tests write (helm, a real API server)", () =>
      mustRun("The chart check's end-to-end tests", "npx", ["vitest", "run", "--config", "vitest.e2e.config.mts"], {
        cwd: join(WORKSPACE_ROOT, "libs", "chart-check"),
        timeoutSeconds: 15 * 60,
      }),
    );
    const crdDir = await timeline.phase("add-on CRDs from the operators' Go types", () => generateCrds(toolchain.cacheDir));
    controlPlane = await timeline.phase("control plane start", () => startControlPlane(toolchain, join(runDir, "cluster")));
    const kube = new Kube(controlPlane.kubeconfig);
    const who = actors(controlPlane.personKubeconfig);
    const addOns = await timeline.phase("preinstalled add-ons (CRDs, namespaces, storage class)", () => installPreinstalledAddOns(kube, crdDir));
    figures.push(`CRDs installed: ${addOns.crds.length}`);

    const pulumi = new PulumiCli(toolchain, runDir, controlPlane.kubeconfig);
    // The Nx targets and the pipeline's commands run `pulumi` from PATH, with this backend.
    Object.assign(process.env, pulumi.env);
    const platform = await readPlatform();
    const stacks = stacksInOrder(platform);
    await timeline.phase("pulumi login, provider plugin, stacks", async () => {
      await pulumi.installKubernetesProvider();
      for (const stack of stacks) await pulumi.initStack(rootOf(platform, stack));
    });

    const declared = new Map<string, DeclaredObject[]>();
    for (const stack of stacks) {
      const seconds = await timeline.phase(`up ${stack}`, () => runTarget("up", stack));
      figures.push(`up ${stack}: ${seconds.toFixed(1)} s`);
    }
    await timeline.phase("every declared object exists as declared; workloads Ready; claims Bound", async () => {
      let objects = 0;
      for (const stack of stacks) {
        const checked = await checkDeclaredObjects(kube, pulumi, platform, stack);
        declared.set(stack, checked);
        objects += checked.length;
      }
      const ready = await waitUntilReady(kube, [...declared.values()].flat(), 240);
      figures.push(`objects checked against their declaration: ${objects}; workloads Ready: ${ready.workloads}; claims Bound: ${ready.claims}`);
    });

    await timeline.phase("preview --expect-no-changes of every stack", async () => {
      for (const stack of stacks) {
        const { outcome, seconds } = await preview(platform, stack, true);
        if (!outcome.ok) throw new Error(`${stack} plans changes right after its deploy (a perpetual diff):\n${outcome.message}\n${JSON.stringify(outcome.changes?.changes ?? [], null, 2)}`);
        figures.push(`preview ${stack}: ${seconds.toFixed(1)} s, no changes`);
      }
    });

    await timeline.phase("stack references and secret outputs through the real backend", async () => {
      const readByEngine = new Map<string, string[]>();
      for (const stack of stacks) readByEngine.set(stack, stacksReadInState(await pulumi.export(rootOf(platform, stack))));
      const mismatches = stackGraphMismatches(readByEngine, stackReads(readWorkspacePackages(WORKSPACE_ROOT)));
      if (mismatches.length > 0) throw new Error(`The stack graph is not what the engine read:\n${mismatches.map((line) => `  - ${line}`).join("\n")}`);
      console.log(`Stack references on the engine equal the stack graph: ${[...readByEngine].map(([stack, read]) => `${stack} <- ${read.join(", ") || "none"}`).join("; ")}`);
      const base = await pulumi.outputs(rootOf(platform, "cluster-base"));
      if (base.kubeconfig !== "[secret]") throw new Error(`cluster-base's kubeconfig output is ${JSON.stringify(base.kubeconfig)}, not "[secret]"`);
      const app = await pulumi.outputs(rootOf(platform, "degenquest"));
      const network = await pulumi.outputs(rootOf(platform, "networking"));
      if (typeof app.url !== "string" || !app.url.endsWith(`.${String(network.baseDomain)}`)) {
        throw new Error(`degenquest's url ${JSON.stringify(app.url)} is not under networking's baseDomain ${JSON.stringify(network.baseDomain)}: its StackReference did not resolve`);
      }
    });

    const rollout = await timeline.phase("new image tag rolled out, then rolled back by revert", () => rolloutAndRollback(kube, pulumi, platform, "degenquest"));
    figures.push(`rollout: ${rollout.rollout.toFixed(1)} s, rollback: ${rollout.rollback.toFixed(1)} s`);

    const rotation = await timeline.phase("secret rotated: a new Secret under a new name, pods rolled onto it", () =>
      secretRotationRollsPods(kube, pulumi, platform, "pioneer-agent", "OPENAI_API_KEY"),
    );
    figures.push(`secret rotation: ${rotation.from} -> ${rotation.to} in ${rotation.seconds.toFixed(1)} s`);

    await timeline.phase("drift: an out-of-band edit found in exactly its stack, then undone", async () => {
      const settings = (declared.get("degenquest") ?? []).find(
        (object) => object.ref.kind === "ConfigMap" && typeof (object.inputs.data as Record<string, unknown> | undefined)?.NODE_ENV === "string",
      );
      if (!settings) throw new Error("degenquest declares no ConfigMap with NODE_ENV to edit");
      await driftIsFound(kube, who.breakGlass, platform, "degenquest", settings, { key: "NODE_ENV", value: "development" });
      console.log(`drift in ${describeRef(settings.ref)} reported for degenquest only, and undone by up`);
    });

    await timeline.phase("audit: an object created out of band is found, managed ones are not", () => auditFindsUnmanaged(who.breakGlass, "degenquest"));

    await timeline.phase("admission policies: a person refused, break-glass warned, only CI's images, controllers unhindered", async () => {
      const report = await admissionIsEnforced(kube, who, "degenquest", declared.get("degenquest") ?? []);
      console.log(report.lines.map((line) => `  ${line}`).join("\n"));
      figures.push(`pod deleted in break-glass replaced and Ready in ${report.replacedInSeconds.toFixed(1)} s`);
      console.log(`  ${await namespacesFilledByControllers(kube)}`);
      const scaled = await autoscalerScales(kube, who, "degenquest", report.ciImage);
      console.log(`  ${scaled.line}`);
      figures.push(`autoscaler scaled a Deployment 1 -> 2 Ready replicas in ${scaled.seconds.toFixed(1)} s under the policies`);
      // Refused: the person's edit, pod, deletion and scale; the pipeline's moving tag and the
      // person's outside image. Warned: the drift edit, the audit's create and delete, the pod deletion.
      const counts = await admissionCounts(kube);
      const problems = countsCover(counts, {
        "platform-pipeline-only deny": 4,
        "platform-ci-images deny": 2,
        "platform-break-glass warn": 4,
      });
      if (problems.length > 0) throw new Error(`The API server's admission metrics do not count what the policies did:\n  - ${problems.join("\n  - ")}`);
      figures.push(`admission metrics: ${[...counts].map(([key, count]) => `${key} ${count}`).join(", ")}`);
    });

    const fixture = await timeline.phase("autoscaled fixture deployed beside the apps (a stateless PlatformService with an autoscaler)", () =>
      deployAutoscaledService(pulumi, runDir),
    );
    await timeline.phase("resilience (npm run chaos): autoscaling under load, a drain at the peak, the quota, a node lost", async () => {
      const report = await runChaos(controlPlaneAccess(controlPlane!.stateDir));
      console.log(report.lines.map((line) => `  ${line}`).join("\n"));
      figures.push(...report.figures);
    });

    const refusal = await timeline.phase("policy pack (real CLI) stops a violating change", () => policyStopsViolation(platform, "degenquest"));
    console.log(refusal);

    // Last before destroy: a claim never shrinks, so the stacks cannot go back to the smaller size.
    const growth = await timeline.phase("volume grown in place: same StatefulSet and pod, bigger claim", () => volumeGrowsInPlace(kube, pulumi, platform, "degenquest"));
    figures.push(`volume ${growth.from} -> ${growth.to} in ${growth.seconds.toFixed(1)} s; shrinking refused: ${growth.refusal}`);

    if (values.keep) {
      console.log(
        `\nKept: export KUBECONFIG=${controlPlane.kubeconfig}; Pulumi state in ${runDir}/state (passphrase ${pulumi.env.PULUMI_CONFIG_PASSPHRASE}); ` +
          `the resilience tests again: npm run chaos -- --control-plane ${controlPlane.stateDir}`,
      );
      controlPlane = undefined;
    } else {
      await timeline.phase("destroy the autoscaled fixture", () => destroyAutoscaledService(pulumi, fixture));
      for (const stack of [...stacks].reverse()) {
        const seconds = await timeline.phase(`destroy ${stack}`, () => destroyStack(stack));
        figures.push(`destroy ${stack}: ${seconds.toFixed(1)} s`);
      }
      await timeline.phase("nothing left behind", async () => {
        const left: string[] = [];
        for (const object of [...declared.values()].flat()) {
          // Namespaces finish terminating once their contents are gone.
          const deadline = Date.now() + 60_000;
          let live = await kube.read(object.ref);
          while (live && Date.now() < deadline) {
            await new Promise((resolve) => setTimeout(resolve, 1000));
            live = await kube.read(object.ref);
          }
          if (live) left.push(describeRef(object.ref));
        }
        if (left.length > 0) throw new Error(`Left behind after destroy:\n  - ${left.join("\n  - ")}`);
      });
    }
    console.log(`\nE2E (${E2E_STACK}) passed.\n${timeline.summary()}\n\n${figures.map((line) => `  ${line}`).join("\n")}`);
    return 0;
  } catch (error) {
    console.error(`\n✗ ${(error as Error).message}\n\n${timeline.summary()}`);
    if (values.keep && controlPlane) {
      console.error(`\nKept for a look: export KUBECONFIG=${controlPlane.kubeconfig}; stop it with e2e/control-plane/stop.sh ${controlPlane.stateDir}`);
      controlPlane = undefined;
    }
    return 1;
  } finally {
    if (controlPlane) await controlPlane.stop().catch((error: Error) => console.error(error.message));
    if (!values.keep) rmSync(runDir, { recursive: true, force: true });
  }
}

main().then((code) => process.exit(code));
