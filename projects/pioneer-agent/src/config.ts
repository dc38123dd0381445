import { containerResourcesSchema, dnsLabel, ipv4CidrSchema, loadStackConfig, PRIVATE_IPV4_RANGES, type Environment } from "@platform/config";
import { assertImportedEnv, importedEnvFields } from "@platform/env-import/config-layout";
import { imageTagSchema } from "@platform/service";
import { z } from "zod";

export const NAMESPACE = "pioneer-agent";

/** Where the data volume is mounted: the agent's PGlite database and uploads live under it. */
export const DATA_DIR = "/app/data";

/** Ports the agent image listens on, fixed by the image; the program tells it through the env. */
export const SERVER_PORT = 3000;
export const CLIENT_PORT = 5173;


const ingress = z
  .strictObject({
    /**
     * `paths`: one host, `/api` to the server and `/` to the client. `hosts`: the client on
     * `subdomain`, the server on `apiSubdomain`, for a client that calls the API by its own origin.
     * @default "paths"
     */
    layout: z.enum(["paths", "hosts"]).default("paths"),
    /** The client's host is `<subdomain>.<networking baseDomain>`. @default "pioneer" */
    subdomain: dnsLabel.default("pioneer"),
    /** The server's host with layout `hosts`. @default "<subdomain>-api" */
    apiSubdomain: dnsLabel.optional(),
    /**
     * With layout `paths`, further server paths on the shared host besides `/api`: the Socket.IO
     * endpoint the client opens on its own origin. @default ["/socket.io"]
     */
    extraServerPaths: z
      .array(z.string().regex(/^\/[A-Za-z0-9._~-][A-Za-z0-9._~/-]*$/, { error: 'expected a path below "/", such as "/socket.io"' }))
      .default(["/socket.io"]),
    /** Idle time before the ingress closes a connection; the client keeps a WebSocket open. @default 3600 */
    idleTimeoutSeconds: z.number().int().min(60).max(86400).default(3600),
  })
  .superRefine((settings, ctx) => {
    if (settings.layout === "paths" && settings.apiSubdomain !== undefined) {
      ctx.addIssue({
        code: "custom",
        path: ["apiSubdomain"],
        input: settings.apiSubdomain,
        message: 'is used only with layout "hosts": remove it, or set layout to "hosts"',
      });
    }
    if (settings.extraServerPaths.some((path) => path === "/api" || path.startsWith("/api/"))) {
      ctx.addIssue({
        code: "custom",
        path: ["extraServerPaths"],
        input: settings.extraServerPaths,
        message: 'must not repeat "/api", which always goes to the server',
      });
    }
    if (settings.apiSubdomain !== undefined && settings.apiSubdomain === settings.subdomain) {
      ctx.addIssue({ code: "custom", path: ["apiSubdomain"], input: settings.apiSubdomain, message: "must differ from ingress.subdomain" });
    }
  });

const resources = containerResourcesSchema("resources");

/** Any IPv4 block, `0.0.0.0/0` included (egress rules name the whole internet), with host bits zero. */
const egressCidr = ipv4CidrSchema(["0.0.0.0/0", "10.110.0.0/20"]);

const egressRule = z.strictObject({
  /** What the rule is for, shown in reviews. */
  description: z.string().min(1),
  cidr: egressCidr,
  /** @default none */
  except: z.array(egressCidr).default([]),
  ports: z.array(z.number().int().min(1).max(65535)).min(1),
});

/** Model providers, Discord, Telegram and X are HTTPS APIs on the internet; the cluster's own networks are not. */
export const DEFAULT_EGRESS = [
  {
    description: "model providers and chat platforms (HTTPS)",
    cidr: "0.0.0.0/0",
    except: PRIVATE_IPV4_RANGES,
    ports: [443],
  },
] as const;

export const DEFAULT_RESOURCES = { cpuRequest: "1", memoryRequest: "2Gi", cpuLimit: "2", memoryLimit: "4Gi" } as const;

/** Settings the program sets itself; an imported `.env` may repeat them only with the same value. */
export function programEnv(nodeEnv: string): Readonly<Record<string, string>> {
  return { NODE_ENV: nodeEnv, SERVER_PORT: String(SERVER_PORT), CLIENT_PORT: String(CLIENT_PORT) };
}

/** The whole configuration of a pioneer-agent stack, with the rules of its environment. */
export function configSchema(environment: Environment) {
  const imageTag = imageTagSchema(environment, `${NAMESPACE}:imageTag`);
  return z
    .strictObject({
      /** Tag of `pioneer-agent` in the platform registry; the key CI writes. Required except on local, where it defaults to `latest`. */
      imageTag: environment === "local" ? imageTag.optional() : imageTag,
      /** `NODE_ENV` of the agent. @default "production" */
      nodeEnv: z.enum(["production", "development"]).default("production"),
      /** @default paths layout on pioneer.<baseDomain>, idle timeout 3600 s */
      ingress: ingress.default({ layout: "paths", subdomain: "pioneer", extraServerPaths: ["/socket.io"], idleTimeoutSeconds: 3600 }),
      /** @default requests 1 CPU / 2Gi, limits 2 CPU / 4Gi */
      resources: resources.default({ ...DEFAULT_RESOURCES }),
      /** Size of the agent's data volume (its PGlite database, caches, uploads). @default 10 */
      storageGiB: z.number().int().min(1).max(1000).default(10),
      /** Where the agent may connect, besides cluster DNS. @default HTTPS to the internet, private ranges excluded */
      egress: z.array(egressRule).min(1).default(() => DEFAULT_EGRESS.map((rule) => ({ ...rule, except: [...rule.except], ports: [...rule.ports] }))),
      /** Writable folders on the read-only root filesystem (emptyDir). @default ["/tmp"] */
      writablePaths: z.array(z.string().regex(/^\/[A-Za-z0-9._/-]*$/, { error: 'expected an absolute path such as "/tmp"' })).default(["/tmp"]),
      ...importedEnvFields(),
    })
    .superRefine((config, ctx) => {
      if (config.nodeEnv === "development" && (environment === "staging" || environment === "production")) {
        ctx.addIssue({
          code: "custom",
          path: ["nodeEnv"],
          input: config.nodeEnv,
          message: `${environment} runs the agent as it runs for users: expected "production"`,
        });
      }
      for (const [name, value] of Object.entries(programEnv(config.nodeEnv))) {
        if (name in config.env && config.env[name] !== value) {
          ctx.addIssue({
            code: "custom",
            path: ["env", name],
            input: config.env[name],
            message: `the program sets ${name} to "${value}"${name === "NODE_ENV" ? ` from ${NAMESPACE}:nodeEnv` : " (the image's port)"}: remove it from the imported .env`,
          });
        }
        if (config.secretEnv && name in config.secretEnv) {
          ctx.addIssue({
            code: "custom",
            path: ["secretEnv", name],
            input: "[secret]",
            message: `the program sets ${name}: remove it with \`pulumi config rm --stack ${environment} --path ${NAMESPACE}:secretEnv.${name}\``,
          });
        }
      }
    });
}

export type PioneerAgentConfig = z.output<ReturnType<typeof configSchema>>;

/** Reads and validates the stack's config, then the imported env against the stack's secret rules. */
export function loadPioneerAgentConfig(environment: Environment): PioneerAgentConfig {
  const config = loadStackConfig(configSchema(environment), NAMESPACE);
  assertImportedEnv(NAMESPACE, environment, config);
  return config;
}
