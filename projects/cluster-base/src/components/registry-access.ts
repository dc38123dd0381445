import * as digitalocean from "@pulumi/digitalocean";
import * as pulumi from "@pulumi/pulumi";
import type { RegistryConfig } from "../config";

/** The registry images are pulled from, and read-only credentials for it. */
export class RegistryAccess extends pulumi.ComponentResource {
  /** Host and path that image references start with, such as `registry.digitalocean.com/pioneer`. */
  readonly server: pulumi.Output<string>;
  /** `.dockerconfigjson` with read-only credentials, as a secret; absent for a local registry. */
  readonly dockerConfigJson: pulumi.Output<string> | undefined;
  readonly registry: digitalocean.ContainerRegistry | undefined;

  constructor(name: string, config: RegistryConfig, opts?: pulumi.ComponentResourceOptions) {
    super("platform:cluster-base:RegistryAccess", name, {}, opts);

    if (config.mode === "local") {
      this.server = pulumi.output(config.server);
      this.dockerConfigJson = undefined;
      this.registry = undefined;
    } else {
      let registryName: pulumi.Output<string>;
      if (config.mode === "create") {
        this.registry = new digitalocean.ContainerRegistry(
          `${name}-registry`,
          { name: config.name, region: config.region, subscriptionTierSlug: config.subscriptionTier },
          { parent: this },
        );
        registryName = this.registry.name;
        this.server = this.registry.endpoint;
      } else {
        // DigitalOcean allows one registry per account: environments usually share an existing one.
        this.registry = undefined;
        const existing = digitalocean.getContainerRegistryOutput({ name: config.name }, { parent: this });
        registryName = existing.name;
        this.server = existing.endpoint;
      }
      const credentials = new digitalocean.ContainerRegistryDockerCredentials(
        `${name}-pull-credentials`,
        { registryName, write: false },
        { parent: this },
      );
      this.dockerConfigJson = pulumi.secret(credentials.dockerCredentials);
    }

    this.registerOutputs({ server: this.server });
  }
}
