import type { ThirdPartyImage } from "./components/admission-rules";

/**
 * Images from outside CI that tenant pods may run: each pinned by digest, so it cannot change
 * under the same name, and each with its reason, as the policy pack's exemptions are. The
 * applications and their backup tools are all built by CI, so none is needed today; an entry
 * here is reviewed by the platform team (CODEOWNERS).
 */
export const THIRD_PARTY_IMAGES: readonly ThirdPartyImage[] = [];
