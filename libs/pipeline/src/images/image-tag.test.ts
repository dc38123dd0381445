import { describe, expect, it } from "vitest";
import { imageReference, imageTagProblems } from "./image-tag";

const SHA = "3f9a1c2e7b8d4f6a5c0e1d2b3a4f5e6d7c8b9a01";
const DIGEST = `sha256:${"0b7e5f3c".repeat(8)}`;

describe("imageTagProblems", () => {
  it("accepts a full commit SHA and a sha256 digest", () => {
    expect(imageTagProblems("degenquest:imageTag", SHA)).toEqual([]);
    expect(imageTagProblems("degenquest:imageTag", DIGEST)).toEqual([]);
  });

  it("refuses a mutable tag, naming the key and what is expected", () => {
    expect(imageTagProblems("degenquest:imageTag", "latest")).toEqual([
      'degenquest:imageTag is "latest": expected the 40-character commit SHA the image was built from (CircleCI\'s $CIRCLE_SHA1) or a sha256: digest; ' +
        'mutable tags such as "latest" or a branch name are refused',
    ]);
  });

  it("refuses a short SHA", () => {
    expect(imageTagProblems("degenquest:imageTag", "3f9a1c2")[0]).toContain('"3f9a1c2", a short commit SHA, which can become ambiguous');
  });

  it("refuses an upper-case SHA and gives the lower-case one", () => {
    expect(imageTagProblems("degenquest:imageTag", SHA.toUpperCase())).toEqual([`degenquest:imageTag is "${SHA.toUpperCase()}": commit SHAs are lower case: use "${SHA}"`]);
  });

  it("refuses a truncated digest", () => {
    expect(imageTagProblems("degenquest:imageTag", "sha256:0b7e")).toEqual(['degenquest:imageTag is "sha256:0b7e": a digest is "sha256:" and 64 lower-case hex characters']);
  });
});

describe("imageReference", () => {
  it("names the image in the registry by tag or by digest", () => {
    expect(imageReference("degenquest", SHA)).toBe(`registry.digitalocean.com/pioneer/degenquest:${SHA}`);
    expect(imageReference("pioneer-agent", DIGEST)).toBe(`registry.digitalocean.com/pioneer/pioneer-agent@${DIGEST}`);
  });
});
