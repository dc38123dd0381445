/**
 * The few GitHub REST calls the pipeline makes, over the global `fetch` (injectable for tests).
 * Authenticated with the `github-bot` context's token; nothing here logs it.
 */

export interface Repository {
  readonly owner: string;
  readonly name: string;
}

export interface IssueComment {
  readonly id: number;
  readonly body: string;
}

export type Fetch = (url: string, init?: RequestInit) => Promise<Response>;

export class GitHubError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export class GitHubApi {
  constructor(
    private readonly repository: Repository,
    private readonly token: string,
    private readonly fetchImpl: Fetch = fetch,
    private readonly apiUrl = "https://api.github.com",
  ) {}

  private async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const url = `${this.apiUrl}/repos/${this.repository.owner}/${this.repository.name}${path}`;
    const response = await this.fetchImpl(url, {
      method,
      headers: {
        accept: "application/vnd.github+json",
        authorization: `Bearer ${this.token}`,
        "x-github-api-version": "2022-11-28",
        ...(body === undefined ? {} : { "content-type": "application/json" }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (!response.ok) {
      const detail = await response.text();
      throw new GitHubError(response.status, `GitHub ${method} ${path} answered ${response.status}: ${detail.slice(0, 300)}`);
    }
    return (response.status === 204 ? undefined : await response.json()) as T;
  }

  /** Every comment on a pull request, following the pages. */
  async listComments(pullRequest: number): Promise<IssueComment[]> {
    const comments: IssueComment[] = [];
    for (let page = 1; ; page += 1) {
      const batch = await this.request<IssueComment[]>("GET", `/issues/${pullRequest}/comments?per_page=100&page=${page}`);
      comments.push(...batch.map(({ id, body }) => ({ id, body: body ?? "" })));
      if (batch.length < 100) return comments;
    }
  }

  createComment(pullRequest: number, body: string): Promise<IssueComment> {
    return this.request("POST", `/issues/${pullRequest}/comments`, { body });
  }

  updateComment(id: number, body: string): Promise<IssueComment> {
    return this.request("PATCH", `/issues/comments/${id}`, { body });
  }

  /** The commit a ref points at (`tags/deployed/dev`), or undefined when the ref does not exist. */
  async getRef(ref: string): Promise<string | undefined> {
    try {
      const found = await this.request<{ object: { sha: string } }>("GET", `/git/ref/${ref}`);
      return found.object.sha;
    } catch (error) {
      if (error instanceof GitHubError && error.status === 404) return undefined;
      throw error;
    }
  }

  /**
   * Points a ref at a commit, creating it when missing. Without `force` GitHub refuses anything
   * but a fast-forward, so a marker can only move ahead in history.
   */
  async setRef(ref: string, sha: string, exists: boolean): Promise<void> {
    if (exists) await this.request("PATCH", `/git/refs/${ref}`, { sha, force: false });
    else await this.request("POST", `/git/refs`, { ref: `refs/${ref}`, sha });
  }

  createPullRequest(pull: { title: string; head: string; base: string; body: string }): Promise<{ number: number; html_url: string }> {
    return this.request("POST", `/pulls`, pull);
  }
}

/**
 * Creates the comment that carries `marker`, or rewrites it in place when an earlier push already
 * made one, so a pull request has exactly one preview comment however often it is pushed.
 */
export async function upsertComment(api: GitHubApi, pullRequest: number, marker: string, body: string): Promise<{ id: number; created: boolean }> {
  const existing = (await api.listComments(pullRequest)).find((comment) => comment.body.includes(marker));
  if (existing) {
    await api.updateComment(existing.id, body);
    return { id: existing.id, created: false };
  }
  const created = await api.createComment(pullRequest, body);
  return { id: created.id, created: true };
}
