/**
 * The kubeconfig of a cluster on this machine (kind, k3d, minikube, the end-to-end control plane),
 * cut down to one context, so that cluster-base can publish it with the deploy identity added, as
 * it does for a DigitalOcean cluster. Read the way kubectl reads it: the files of `KUBECONFIG` in
 * order (else `~/.kube/config`), the first file to name a context, cluster or user winning, and
 * each file's relative paths resolved against its own directory.
 */
import { existsSync, readFileSync } from "node:fs";
import { homedir } from "node:os";
import { delimiter, dirname, isAbsolute, resolve } from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { parse } from "yaml";

interface Named {
  readonly name: string;
  readonly [key: string]: unknown;
}

interface KubeconfigFile {
  readonly path: string;
  readonly contexts: readonly Named[];
  readonly clusters: readonly Named[];
  readonly users: readonly Named[];
}

/** Fields that name a file, relative to the kubeconfig that holds them. */
const PATH_FIELDS = { cluster: ["certificate-authority"], user: ["client-certificate", "client-key", "tokenFile"] } as const;

/** The kubeconfig files kubectl would read, in order. */
export function kubeconfigFiles(env: NodeJS.ProcessEnv = process.env): string[] {
  const listed = (env.KUBECONFIG ?? "").split(delimiter).filter((file) => file !== "");
  return listed.length > 0 ? listed : [resolve(env.HOME ?? homedir(), ".kube", "config")];
}

function readKubeconfig(path: string): KubeconfigFile | undefined {
  if (!existsSync(path)) return undefined;
  const document = (parse(readFileSync(path, "utf8")) ?? {}) as Record<string, unknown>;
  const list = (key: string) => (Array.isArray(document[key]) ? (document[key] as Named[]) : []);
  return { path, contexts: list("contexts"), clusters: list("clusters"), users: list("users") };
}

function withAbsolutePaths(entry: Named, section: keyof typeof PATH_FIELDS, file: string): Named {
  const body = { ...(entry[section] as Record<string, unknown> | undefined) };
  for (const field of PATH_FIELDS[section]) {
    const value = body[field];
    if (typeof value === "string" && value !== "" && !isAbsolute(value)) body[field] = resolve(dirname(file), value);
  }
  return { ...entry, [section]: body };
}

/**
 * Names the key, the value and what is there instead, for a context this machine does not have.
 * A RunError, so that Pulumi prints the message alone, as for any other bad setting.
 */
export class LocalContextNotFound extends pulumi.RunError {
  constructor(context: string, files: readonly string[], known: readonly string[]) {
    super(
      `cluster-base:cluster.context is "${context}", which no kubeconfig on this machine names ` +
        `(read ${files.join(", ")}; contexts there: ${known.length > 0 ? known.join(", ") : "none"}). ` +
        "Create the local cluster first (kind create cluster --name degen makes kind-degen), or set the key to one of those contexts.",
    );
    this.name = "LocalContextNotFound";
  }
}

/** The context, its cluster and its user, as one self-contained kubeconfig document object. */
export function localKubeconfig(context: string, env: NodeJS.ProcessEnv = process.env): Record<string, unknown> {
  const paths = kubeconfigFiles(env);
  const files = paths.map(readKubeconfig).filter((file): file is KubeconfigFile => file !== undefined);
  const first = (section: "contexts" | "clusters" | "users", name: string) => {
    for (const file of files) {
      const entry = file[section].find((candidate) => candidate.name === name);
      if (entry) return { entry, file: file.path };
    }
    return undefined;
  };

  const found = first("contexts", context);
  if (!found) throw new LocalContextNotFound(context, paths, [...new Set(files.flatMap((file) => file.contexts.map((c) => c.name)))]);
  const { cluster: clusterName, user: userName } = (found.entry.context ?? {}) as { cluster?: string; user?: string };
  const cluster = clusterName === undefined ? undefined : first("clusters", clusterName);
  const user = userName === undefined ? undefined : first("users", userName);
  if (!cluster || !user) {
    const missing = !cluster ? `cluster "${clusterName ?? ""}"` : `user "${userName ?? ""}"`;
    throw new pulumi.RunError(`cluster-base:cluster.context "${context}" (in ${found.file}) names ${missing}, which no kubeconfig on this machine has`);
  }
  return {
    apiVersion: "v1",
    kind: "Config",
    clusters: [withAbsolutePaths(cluster.entry, "cluster", cluster.file)],
    users: [withAbsolutePaths(user.entry, "user", user.file)],
    contexts: [found.entry],
    "current-context": context,
  };
}
