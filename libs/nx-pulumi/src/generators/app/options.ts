import { APP_DEFAULTS, type AppGeneratorSchema } from "./schema";

export interface AppOptions {
  readonly name: string;
  /** `arcade-games` becomes `arcadeGames`, for function and variable names. */
  readonly camelName: string;
  /** `arcade-games` becomes `ArcadeGames`, for type names. */
  readonly typeName: string;
  readonly description: string;
  readonly port: number;
  readonly healthPath: string;
  readonly skipTenant: boolean;
  /** The Pulumi project: `projects/<name>`. */
  readonly projectRoot: string;
  /** Its contract package, `@platform/<name>-contract`: `contracts/<name>`. */
  readonly contractRoot: string;
}

const DNS_LABEL = /^[a-z]([a-z0-9-]{0,61}[a-z0-9])?$/;

/** Every problem with the options at once, each naming the option, the value and what is allowed. */
export function appOptionProblems(schema: AppGeneratorSchema, existingProjects: readonly string[]): string[] {
  const problems: string[] = [];
  const name = schema.name ?? "";
  if (!DNS_LABEL.test(name)) {
    problems.push(
      `name is ${JSON.stringify(name)}: expected a DNS label (lower-case letters, digits and '-', starting with a letter, at most 63), such as "arcade"`,
    );
  }
  if (existingProjects.includes(name)) problems.push(`name is "${name}", but a project of that name exists: choose another name`);
  if (existingProjects.includes(`${name}-contract`)) {
    problems.push(`name is "${name}", but a project named "${name}-contract", the name of its contract package, exists: choose another name`);
  }
  const port = schema.port ?? APP_DEFAULTS.port;
  if (!Number.isInteger(port) || port < 1024 || port > 65535) {
    problems.push(`port is ${port}: expected a whole number from 1024 to 65535 (the container runs as a non-root user)`);
  }
  const healthPath = schema.healthPath ?? APP_DEFAULTS.healthPath;
  if (!/^\/[A-Za-z0-9._~\-/]*$/.test(healthPath)) problems.push(`healthPath is ${JSON.stringify(healthPath)}: expected a path such as "/health"`);
  const description = schema.description ?? APP_DEFAULTS.description;
  if (/["\n]/.test(description)) problems.push(`description is ${JSON.stringify(description)}: expected one line without double quotes`);
  return problems;
}

export function normalizeOptions(schema: AppGeneratorSchema): AppOptions {
  const parts = (schema.name ?? "").split("-");
  const typeName = parts.map((part) => part.charAt(0).toUpperCase() + part.slice(1)).join("");
  return {
    name: schema.name,
    camelName: typeName.charAt(0).toLowerCase() + typeName.slice(1),
    typeName,
    description: schema.description ?? APP_DEFAULTS.description,
    port: schema.port ?? APP_DEFAULTS.port,
    healthPath: schema.healthPath ?? APP_DEFAULTS.healthPath,
    skipTenant: schema.skipTenant ?? APP_DEFAULTS.skipTenant,
    projectRoot: `projects/${schema.name}`,
    contractRoot: `contracts/${schema.name}`,
  };
}
