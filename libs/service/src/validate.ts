import * as pulumi from "@pulumi/pulumi";
import { byteQuantity, cpuQuantity, dnsLabel, domainName, exceedsQuantity, ipv4CidrProblem } from "@platform/config";
import type { ResolvedServiceArgs } from "./defaults";
import { imageProblems } from "./image";

/** Setting names that hold credentials; their values belong in `secretEnv`, never in a ConfigMap. */
const SENSITIVE_NAME = /(passw|passphrase|secret|token|api_?key|private_?key|access_?key|credential|_key$|^key$|auth|_dsn$|^dsn$|connection_?string)/i;
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const PORT_NAME = /^(?=.*[a-z])[a-z0-9]([a-z0-9-]{0,13}[a-z0-9])?$/;

export function isSensitiveName(name: string): boolean {
  return SENSITIVE_NAME.test(name);
}

const show = (value: unknown) => JSON.stringify(value);

/**
 * Every problem with a service's args, each naming the arg, the value, what is allowed and the
 * fix. Pure: no resources, no Outputs resolved.
 */
export function serviceArgProblems(name: string, args: ResolvedServiceArgs): string[] {
  const problems: string[] = [];
  const add = (message: string) => problems.push(message);

  if (!dnsLabel.safeParse(name).success || name.length > 52) {
    add(`name is ${show(name)}: expected a DNS label of at most 52 characters (lower-case letters, digits, '-'), as the pods' names derive from it`);
  }
  problems.push(...imageProblems(args.image, args.platform.environment));

  // Ports, and every reference to one by name.
  const portNames = new Set<string>();
  const portNumbers = new Set<number>();
  if (args.ports.length === 0) add("ports is empty: declare at least one port, such as { name: \"http\", port: 8080 }");
  args.ports.forEach((port, index) => {
    if (!PORT_NAME.test(port.name)) {
      add(`ports[${index}].name is ${show(port.name)}: expected at most 15 lower-case letters, digits and '-', with a letter, such as "http"`);
    }
    if (!Number.isInteger(port.port) || port.port < 1 || port.port > 65535) {
      add(`ports[${index}].port is ${show(port.port)}: expected a whole number from 1 to 65535`);
    }
    if (portNames.has(port.name)) add(`ports[${index}].name ${show(port.name)} is declared twice: give each port its own name`);
    if (portNumbers.has(port.port)) add(`ports[${index}].port ${port.port} is declared twice: give each port its own number`);
    portNames.add(port.name);
    portNumbers.add(port.port);
  });
  const declared = [...portNames].map((portName) => show(portName)).join(", ") || "none";
  const requirePort = (arg: string, portName: string) => {
    if (!portNames.has(portName)) add(`${arg} is ${show(portName)}, which is not a declared port: use one of ${declared} or declare it in ports`);
  };
  requirePort("health.port", args.health.port);
  if (args.ingress) requirePort("ingress.port", args.ingress.port);
  if (args.metrics) requirePort("metrics.port", args.metrics.port);
  if (args.loadBalancerPort !== undefined) requirePort("loadBalancerPort", args.loadBalancerPort);

  if (args.health.path !== undefined && !args.health.path.startsWith("/")) {
    add(`health.path is ${show(args.health.path)}: expected an absolute HTTP path such as "/health"`);
  }
  if (!Number.isInteger(args.health.startupSeconds) || args.health.startupSeconds < 10) {
    add(`health.startupSeconds is ${show(args.health.startupSeconds)}: expected a whole number of seconds, at least 10`);
  }
  if (args.ingress?.subdomain !== undefined && !dnsLabel.safeParse(args.ingress.subdomain).success) {
    add(`ingress.subdomain is ${show(args.ingress.subdomain)}: expected one DNS label such as "play"`);
  }
  if (args.ingress?.subdomain !== undefined && args.ingress.host !== undefined) {
    add("ingress.subdomain and ingress.host are both set: give one");
  }
  if (args.ingress?.host !== undefined && !domainName.safeParse(args.ingress.host).success) {
    add(`ingress.host is ${show(args.ingress.host)}: expected a lower-case DNS name such as "play.degenquest.gg"`);
  }
  if (args.ingress && (!Number.isInteger(args.ingress.idleTimeoutSeconds) || args.ingress.idleTimeoutSeconds < 1 || args.ingress.idleTimeoutSeconds > 86400)) {
    add(`ingress.idleTimeoutSeconds is ${show(args.ingress.idleTimeoutSeconds)}: expected a whole number of seconds from 1 to 86400`);
  }
  if (args.ingress && !args.ingress.path.startsWith("/")) add(`ingress.path is ${show(args.ingress.path)}: expected a path starting with "/"`);
  if (args.metrics && !args.metrics.path.startsWith("/")) add(`metrics.path is ${show(args.metrics.path)}: expected a path starting with "/"`);
  (args.extraRoutes ?? []).forEach((route, index) => {
    const at = `extraRoutes[${index}]`;
    if (!args.ingress) add(`${at} is set, but there is no ingress for it to extend: set ingress, or remove extraRoutes`);
    requirePort(`${at}.port`, route.port);
    for (const path of route.paths ?? []) {
      if (!/^\/[A-Za-z0-9._~/-]*$/.test(path)) add(`${at}.paths has ${show(path)}: expected a path starting with "/", such as "/socket.io"`);
    }
    if (route.subdomain !== undefined && !dnsLabel.safeParse(route.subdomain).success) {
      add(`${at}.subdomain is ${show(route.subdomain)}: expected one DNS label such as "pioneer"`);
    }
    if (route.subdomain !== undefined && route.subdomain === (args.ingress?.subdomain ?? undefined)) {
      add(`${at}.subdomain is ${show(route.subdomain)}, the ingress's own: leave it out to route on the ingress's host`);
    }
  });

  // Replicas, autoscaling, and storage that only one node can mount.
  if (!Number.isInteger(args.replicas) || args.replicas < 1) add(`replicas is ${show(args.replicas)}: expected a whole number, at least 1`);
  const scaling = args.autoscaling;
  if (scaling) {
    if (!Number.isInteger(scaling.minReplicas) || scaling.minReplicas < 1) {
      add(`autoscaling.minReplicas is ${show(scaling.minReplicas)}: expected a whole number, at least 1`);
    }
    if (scaling.minReplicas > scaling.maxReplicas) {
      add(`autoscaling.minReplicas is ${scaling.minReplicas}, above autoscaling.maxReplicas (${scaling.maxReplicas}): raise maxReplicas or lower minReplicas`);
    }
    if (scaling.cpuUtilizationPercent < 10 || scaling.cpuUtilizationPercent > 100) {
      add(`autoscaling.cpuUtilizationPercent is ${show(scaling.cpuUtilizationPercent)}: expected 10 to 100`);
    }
    const window = scaling.scaleDownStabilizationSeconds;
    if (!Number.isInteger(window) || window < 0 || window > 3600) {
      add(`autoscaling.scaleDownStabilizationSeconds is ${show(window)}: expected a whole number of seconds from 0 to 3600`);
    }
  }
  const volumeNames = new Set<string>();
  const mountPaths = new Set<string>(args.writablePaths);
  args.volumes.forEach((volume, index) => {
    const arg = `volumes[${index}]`;
    if (!dnsLabel.safeParse(volume.name).success) add(`${arg}.name is ${show(volume.name)}: expected a DNS label such as "data"`);
    if (volumeNames.has(volume.name)) add(`${arg}.name ${show(volume.name)} is declared twice: give each volume its own name`);
    volumeNames.add(volume.name);
    if (!volume.mountPath.startsWith("/")) add(`${arg}.mountPath is ${show(volume.mountPath)}: expected an absolute path`);
    else if (mountPaths.has(volume.mountPath)) add(`${arg}.mountPath ${show(volume.mountPath)} is already mounted: give each volume its own folder`);
    mountPaths.add(volume.mountPath);
    if (!Number.isInteger(volume.sizeGiB) || volume.sizeGiB < 1) add(`${arg}.sizeGiB is ${show(volume.sizeGiB)}: expected a whole number of GiB, at least 1`);
    if (volume.accessMode !== "ReadWriteMany") {
      const why = `${arg} (${show(volume.name)}) is ${volume.accessMode}: one node mounts it (DigitalOcean block storage is ReadWriteOnce only)`;
      if (args.replicas > 1) add(`replicas is ${args.replicas}, but ${why}: use 1 replica or move the data off the volume`);
      if (scaling) add(`autoscaling is set, but ${why}: remove autoscaling or move the data off the volume`);
    }
  });
  const pathsSeen = new Set<string>();
  args.writablePaths.forEach((path, index) => {
    if (!path.startsWith("/")) add(`writablePaths[${index}] is ${show(path)}: expected an absolute path such as "/tmp"`);
    if (pathsSeen.has(path)) add(`writablePaths[${index}] ${show(path)} is listed twice`);
    pathsSeen.add(path);
  });

  // Requests and limits.
  const { cpuRequest, cpuLimit, memoryRequest, memoryLimit } = args.resources;
  const cpuOk = [
    ["resources.cpuRequest", cpuRequest],
    ["resources.cpuLimit", cpuLimit],
  ].every(([arg, value]) => cpuQuantity.safeParse(value).success || (add(`${arg} is ${show(value)}: expected a CPU quantity such as "250m"`), false));
  const memoryOk = [
    ["resources.memoryRequest", memoryRequest],
    ["resources.memoryLimit", memoryLimit],
  ].every(([arg, value]) => byteQuantity.safeParse(value).success || (add(`${arg} is ${show(value)}: expected a memory quantity such as "256Mi"`), false));
  if (cpuOk && exceedsQuantity(cpuRequest, cpuLimit)) {
    add(`resources.cpuRequest is ${show(cpuRequest)}, above resources.cpuLimit (${cpuLimit}): raise the limit or lower the request`);
  }
  if (memoryOk && exceedsQuantity(memoryRequest, memoryLimit)) {
    add(`resources.memoryRequest is ${show(memoryRequest)}, above resources.memoryLimit (${memoryLimit}): raise the limit or lower the request`);
  }

  // Settings: plain ones in a ConfigMap, sensitive ones only from Pulumi secrets.
  for (const [key, value] of Object.entries(args.env)) {
    if (!ENV_NAME.test(key)) add(`env.${key} is not a valid environment variable name: expected letters, digits and '_'`);
    if (isSensitiveName(key)) {
      add(`env.${key} looks sensitive but is given as a plain value: move it to secretEnv as a Pulumi secret (\`pulumi config set --secret\`)`);
    }
    if (typeof value !== "string") add(`env.${key} is ${show(value)}: expected a string`);
    if (key in args.secretEnv) add(`env.${key} is also in secretEnv: give each setting once`);
  }
  for (const key of Object.keys(args.secretEnv)) {
    if (!ENV_NAME.test(key)) add(`secretEnv.${key} is not a valid environment variable name: expected letters, digits and '_'`);
  }

  // Objective, egress and identity.
  if (args.sloObjective !== undefined) {
    if (!args.ingress) add(`sloObjective is ${args.sloObjective}, but there is no ingress to measure it at: set ingress or leave sloObjective out`);
    if (!(args.sloObjective > 0 && args.sloObjective < 1)) add(`sloObjective is ${show(args.sloObjective)}: expected a ratio between 0 and 1, such as 0.999`);
  }
  args.egress.forEach((rule, index) => {
    const arg = `egress[${index}]`;
    if ((rule.cidr === undefined) === (rule.namespace === undefined)) {
      add(`${arg} (${show(rule.description)}) needs exactly one of cidr or namespace`);
    }
    const cidrProblem = rule.cidr === undefined ? undefined : ipv4CidrProblem(rule.cidr, ["0.0.0.0/0"]);
    if (cidrProblem !== undefined) add(`${arg}.cidr is ${show(rule.cidr)}: ${cidrProblem}`);
    for (const except of rule.except ?? []) {
      const exceptProblem = ipv4CidrProblem(except, ["10.0.0.0/8"]);
      if (exceptProblem !== undefined) add(`${arg}.except has ${show(except)}: ${exceptProblem}`);
    }
    if (rule.ports.length === 0 || rule.ports.some((port) => !Number.isInteger(port) || port < 1 || port > 65535)) {
      add(`${arg}.ports is ${show(rule.ports)}: expected one or more port numbers from 1 to 65535`);
    }
  });
  if (!Number.isInteger(args.runAsUser) || args.runAsUser < 1) {
    add(`runAsUser is ${show(args.runAsUser)}: expected a non-root UID, at least 1`);
  }
  return problems;
}

/** Bad args, reported as a RunError so that Pulumi prints the problems without a stack trace. */
export class ServiceArgsError extends pulumi.RunError {
  constructor(
    readonly serviceName: string,
    readonly problems: readonly string[],
  ) {
    super(
      `Service "${serviceName}" has ${problems.length} problem${problems.length === 1 ? "" : "s"}:\n` +
        problems.map((problem) => `  - ${problem}`).join("\n"),
    );
    this.name = "ServiceArgsError";
  }
}
