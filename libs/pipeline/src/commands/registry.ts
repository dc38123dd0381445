/** Every command of `npm run pipeline -- <command>`. */
import { audit } from "./audit";
import { checks } from "./checks";
import { comment } from "./comment";
import { deploy } from "./deploy";
import { drift } from "./drift";
import { imagePromote } from "./image-promote";
import { imageScan } from "./image-scan";
import { planOutputs } from "./plan-outputs";
import { preview } from "./preview";
import { pulumiVersion } from "./pulumi-version";
import { verdict } from "./verdict";

export const COMMANDS: Record<string, (args: readonly string[]) => Promise<number>> = {
  checks,
  "plan-outputs": planOutputs,
  preview,
  comment,
  deploy,
  drift,
  audit,
  "image-scan": imageScan,
  "image-promote": imagePromote,
  verdict,
  "pulumi-version": pulumiVersion,
};
