import { existsSync } from "node:fs";
import { join } from "node:path";
import { containsSensitive, DEFER_DEPLOY_SECRETS_ENV, isEnvironment, validateConfig, type Environment } from "@platform/config";
import { findPulumiProjects, readStackConfig } from "@platform/offline-plan";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { z } from "zod";
import { WORKSPACE_ROOT } from "./global-setup";

type ConfigModule = { configSchema(environment: Environment): z.ZodObject };

const projects = findPulumiProjects(WORKSPACE_ROOT);
const stackFiles = projects.flatMap((project) => project.stacks.map((stack) => ({ project, stack })));

/** Key names that hold credentials in any namespace, provider keys included (`digitalocean:token`). */
const SENSITIVE_NAME = /(token|password|passwd|secret|apikey|api_key|private[_-]?key|credentials?|_key$|Key$)/i;

describe("stack files", () => {
  const schemas = new Map<string, ConfigModule["configSchema"]>();
  // Each project's config module loads the Pulumi SDK and the libraries it builds on: paid once
  // here for every stack file instead of by the first test of each project.
  beforeAll(async () => {
    for (const project of projects) {
      const schemaFile = join(project.dir, "src", "config.ts");
      if (existsSync(schemaFile)) schemas.set(project.name, ((await import(schemaFile)) as ConfigModule).configSchema);
    }
  });

  afterEach(() => vi.unstubAllEnvs());

  it("exist for every environment of every project", () => {
    expect(projects.length).toBeGreaterThan(0);
    for (const project of projects) {
      expect(project.stacks, project.root).toEqual(expect.arrayContaining(["dev", "local", "production", "staging"]));
    }
  });

  // As in the offline plan: a secret only a deploy needs is set by the team, not committed here.
  it.each(stackFiles.map(({ project, stack }) => [`${project.root}/Pulumi.${stack}.yaml`, project, stack] as const))(
    "%s is valid against its project's schema",
    (_file, project, stack) => {
      vi.stubEnv(DEFER_DEPLOY_SECRETS_ENV, "1");
      expect(isEnvironment(stack), `stack ${stack} is not an environment`).toBe(true);
      const configSchema = schemas.get(project.name);
      expect(configSchema, `${project.root} has no src/config.ts exporting configSchema`).toBeInstanceOf(Function);
      const config = readStackConfig(project, stack);
      const prefix = `${project.name}:`;
      const own = (key: string) => key.startsWith(prefix);
      const result = validateConfig(project.name, configSchema!(stack as Environment), {
        values: Object.fromEntries(Object.entries(config.values).filter(([key]) => own(key)).map(([k, v]) => [k.slice(prefix.length), v])),
        secretKeys: new Set(config.secretKeys.filter(own).map((key) => key.slice(prefix.length))),
      });
      expect(result.ok ? [] : result.problems).toEqual([]);
    },
  );

  it.each(stackFiles.map(({ project, stack }) => [`${project.root}/Pulumi.${stack}.yaml`, project, stack] as const))(
    "%s holds no sensitive value in plain text",
    (_file, project, stack) => {
      const shape = schemas.get(project.name)!(stack as Environment).shape as Record<string, z.core.$ZodType>;
      const config = readStackConfig(project, stack);
      const plain = Object.keys(config.values).filter((key) => {
        if (config.secretKeys.includes(key)) return false;
        const [namespace, name = ""] = key.split(":");
        const declaredSensitive = namespace === project.name && name in shape && containsSensitive(shape[name]!);
        return declaredSensitive || SENSITIVE_NAME.test(name);
      });
      expect(plain, "set these with `pulumi config set --secret`").toEqual([]);
    },
  );
});
