/** Options of the `app` generator, as in schema.json. */
export interface AppGeneratorSchema {
  /** Project, tenant, image repository and subdomain: a DNS label. */
  readonly name: string;
  /** @default "An application on the platform" */
  readonly description?: string;
  /** @default 8080 */
  readonly port?: number;
  /** @default "/health" */
  readonly healthPath?: string;
  /** @default false: the tenant is added to every cluster-base and networking stack file that lacks it, and to cluster-base's examples */
  readonly skipTenant?: boolean;
}

export const APP_DEFAULTS = {
  description: "An application on the platform",
  port: 8080,
  healthPath: "/health",
  skipTenant: false,
} as const;
