import * as pulumi from "@pulumi/pulumi";
import { clusterBase } from "@platform/cluster-base-contract";
import { clusterProvider } from "@platform/kubernetes";
import { currentEnvironment, PLATFORM_IMAGES } from "@platform/config";
import { imageReference, PlatformService, readServicePlatform } from "@platform/service";
import type { StackOutputs } from "@platform/stack-contracts";
import { CLIENT_PORT, DATA_DIR, loadPioneerAgentConfig, NAMESPACE, SERVER_PORT } from "./config";
import type { PioneerAgentOutputs } from "@platform/pioneer-agent-contract";
import { agentSettings } from "./settings";


/** pioneer-agent: the Eliza agent's server and web client, its data volume, settings and secrets. */
export function pioneerAgentProgram(): StackOutputs<PioneerAgentOutputs> {
  const environment = currentEnvironment();
  const config = loadPioneerAgentConfig(environment);
  const base = clusterBase.read();
  const provider = clusterProvider("cluster", base);
  const platform = readServicePlatform(NAMESPACE, { clusterBase: base });
  const settings = agentSettings(config);
  const { layout, subdomain, idleTimeoutSeconds } = config.ingress;
  const sharedHost = layout === "paths";
  const image = { repository: PLATFORM_IMAGES["pioneer-agent"].repository, tag: config.imageTag ?? "" };

  const agent = new PlatformService(
    NAMESPACE,
    {
      platform,
      image,
      ports: [
        { name: "server", port: SERVER_PORT },
        { name: "client", port: CLIENT_PORT },
      ],
      // Loading characters and plugins takes a while on the first start.
      health: { port: "server", path: "/api/health", startupSeconds: 180 },
      env: settings.env,
      secretEnv: settings.secretEnv,
      // One pod owns the ReadWriteOnce data volume.
      replicas: 1,
      resources: config.resources,
      volumes: [{ name: "data", mountPath: DATA_DIR, sizeGiB: config.storageGiB }],
      writablePaths: config.writablePaths,
      ingress: sharedHost
        ? { port: "server", subdomain, path: "/api", idleTimeoutSeconds }
        : { port: "server", subdomain: config.ingress.apiSubdomain ?? `${subdomain}-api`, idleTimeoutSeconds },
      // The web client: on the server's host beside /api (with the Socket.IO path it opens on its
      // own origin), or on a host of its own.
      extraRoutes: sharedHost
        ? [
            { port: "server", paths: config.ingress.extraServerPaths },
            { port: "client", paths: ["/"] },
          ]
        : [{ port: "client", subdomain }],
      egress: config.egress,
    },
    { provider },
  );

  return {
    namespace: agent.namespace,
    clientUrl: sharedHost ? agent.url : pulumi.interpolate`https://${subdomain}.${platform.networking.baseDomain}`,
    apiUrl: sharedHost ? pulumi.interpolate`${agent.url}/api` : agent.url,
    image: base.registryServer.apply((registry) => imageReference(registry, { ...image, tag: image.tag || "latest" })),
    dataClaim: agent.claimName("data"),
    settingNames: Object.keys(settings.env).sort(),
    secretSettingNames: Object.keys(settings.secretEnv).sort(),
  };
}
