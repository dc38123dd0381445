import { describe, expect, it } from "vitest";
import { GitHubApi, upsertComment, type Fetch } from "./github-api";

interface Call {
  readonly method: string;
  readonly url: string;
  readonly body?: unknown;
  readonly authorization?: string;
}

/** A GitHub that answers from a table of `METHOD path` -> responses and records every call. */
function fakeGitHub(routes: Record<string, (body: unknown) => { status: number; json?: unknown }>) {
  const calls: Call[] = [];
  const fetchImpl: Fetch = async (url, init) => {
    const method = init?.method ?? "GET";
    const path = url.replace("https://api.github.com/repos/degen/platform", "");
    const body = init?.body ? JSON.parse(String(init.body)) : undefined;
    calls.push({ method, url: path, body, authorization: (init?.headers as Record<string, string>).authorization });
    const route = routes[`${method} ${path}`];
    if (!route) return new Response("Not Found", { status: 404 });
    const { status, json } = route(body);
    return new Response(json === undefined ? null : JSON.stringify(json), { status });
  };
  return { calls, api: new GitHubApi({ owner: "degen", name: "platform" }, "token-123", fetchImpl) };
}

const MARKER = "<!-- platform:pulumi-preview -->";

describe("upsertComment", () => {
  it("rewrites the comment that carries the marker instead of adding another", async () => {
    const { api, calls } = fakeGitHub({
      "GET /issues/7/comments?per_page=100&page=1": () => ({ status: 200, json: [{ id: 1, body: "looks good" }, { id: 2, body: `${MARKER}\nold preview` }] }),
      "PATCH /issues/comments/2": () => ({ status: 200, json: { id: 2, body: "new" } }),
    });
    expect(await upsertComment(api, 7, MARKER, `${MARKER}\nnew preview`)).toEqual({ id: 2, created: false });
    expect(calls.map((call) => `${call.method} ${call.url}`)).toEqual(["GET /issues/7/comments?per_page=100&page=1", "PATCH /issues/comments/2"]);
    expect(calls[1]!.body).toEqual({ body: `${MARKER}\nnew preview` });
    expect(calls[0]!.authorization).toBe("Bearer token-123");
  });

  it("creates the comment on the first push", async () => {
    const { api, calls } = fakeGitHub({
      "GET /issues/7/comments?per_page=100&page=1": () => ({ status: 200, json: [{ id: 1, body: "looks good" }] }),
      "POST /issues/7/comments": () => ({ status: 201, json: { id: 9, body: "x" } }),
    });
    expect(await upsertComment(api, 7, MARKER, `${MARKER}\npreview`)).toEqual({ id: 9, created: true });
    expect(calls.at(-1)).toMatchObject({ method: "POST", url: "/issues/7/comments", body: { body: `${MARKER}\npreview` } });
  });

  it("finds the marked comment on a later page of a long conversation", async () => {
    const chatter = Array.from({ length: 100 }, (_, id) => ({ id, body: "comment" }));
    const { api } = fakeGitHub({
      "GET /issues/7/comments?per_page=100&page=1": () => ({ status: 200, json: chatter }),
      "GET /issues/7/comments?per_page=100&page=2": () => ({ status: 200, json: [{ id: 500, body: `${MARKER} old` }] }),
      "PATCH /issues/comments/500": () => ({ status: 200, json: { id: 500, body: "" } }),
    });
    expect(await upsertComment(api, 7, MARKER, `${MARKER} new`)).toEqual({ id: 500, created: false });
  });

  it("fails with GitHub's status and answer when a call is refused", async () => {
    const { api } = fakeGitHub({ "GET /issues/7/comments?per_page=100&page=1": () => ({ status: 403, json: { message: "Resource not accessible by integration" } }) });
    await expect(upsertComment(api, 7, MARKER, "x")).rejects.toThrow(
      'GitHub GET /issues/7/comments?per_page=100&page=1 answered 403: {"message":"Resource not accessible by integration"}',
    );
  });
});

describe("refs", () => {
  it("reads a missing ref as undefined", async () => {
    const { api } = fakeGitHub({});
    expect(await api.getRef("tags/deployed/dev")).toBeUndefined();
  });

  it("moves an existing marker only as a fast-forward and creates a missing one", async () => {
    const { api, calls } = fakeGitHub({
      "PATCH /git/refs/tags/deployed/dev": () => ({ status: 200, json: {} }),
      "POST /git/refs": () => ({ status: 201, json: {} }),
    });
    await api.setRef("tags/deployed/dev", "abc", true);
    await api.setRef("tags/deployed/staging", "abc", false);
    expect(calls.map(({ method, url, body }) => ({ method, url, body }))).toEqual([
      { method: "PATCH", url: "/git/refs/tags/deployed/dev", body: { sha: "abc", force: false } },
      { method: "POST", url: "/git/refs", body: { ref: "refs/tags/deployed/staging", sha: "abc" } },
    ]);
  });
});
