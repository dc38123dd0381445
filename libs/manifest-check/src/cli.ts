#!/usr/bin/env tsx
/**
 * `npm run check:manifests`: fails when the repository holds a Kubernetes manifest. Every object
 * is declared in Pulumi, where it is reviewed, previewed and checked by the policy pack.
 */
import { describeFinding } from "./detect";
import { checkRepository } from "./repository";

const root = process.argv[2] ?? process.cwd();
try {
  const { filesChecked, manifests } = checkRepository(root);
  for (const finding of manifests) console.error(`✗ ${describeFinding(finding)}`);
  if (manifests.length > 0) {
    console.error(`${manifests.length} Kubernetes manifest(s) among ${filesChecked} files: declare each object in Pulumi instead.`);
    process.exit(1);
  }
  console.log(`✓ ${filesChecked} files, no Kubernetes manifests.`);
} catch (error) {
  console.error(`Could not list the repository's files in ${root}: ${(error as Error).message}`);
  process.exit(2);
}
