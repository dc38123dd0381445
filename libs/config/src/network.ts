/**
 * The private IPv4 ranges (RFC 1918) that a cluster's own networks live in: egress meant for the
 * internet excludes them, so that it never reaches the cluster's pods, nodes or VPC.
 */
export const PRIVATE_IPV4_RANGES: readonly string[] = Object.freeze(["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"]);
