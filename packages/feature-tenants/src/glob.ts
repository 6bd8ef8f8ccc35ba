/**
 * Argo CD's matching of an Application's repoURL against its AppProject's sourceRepos
 * (argoproj/argo-cd pkg/apis/application/v1alpha1 AppProject.IsSourcePermitted and util/git
 * NormalizeGitURL): both sides are normalised, then each pattern is a glob with '/' as separator —
 * `*` matches within a path segment, `**` across segments, `?` one character; a pattern of just
 * `*` matches everything. Deny patterns (`!`), character classes and braces are refused by the
 * schema, so they are not handled here.
 */

const SSH_URL = /^(ssh:\/\/)?([^/:]*?)@[^@]+$/;

/** Argo CD's NormalizeGitURL: lowercase, scp-style `git@host:path` as `git@host/path`, no `.git` suffix, no `ssh://`. */
export function normalizeGitUrl(repo: string): string {
  let r = repo.trim().toLowerCase();
  if (SSH_URL.test(r) && !r.startsWith('ssh://')) r = 'ssh://' + r.replace(':', '/');
  if (r.endsWith('.git')) r = r.slice(0, -'.git'.length);
  return r.startsWith('ssh://') ? r.slice('ssh://'.length) : r;
}

function globRegExp(pattern: string): RegExp {
  let re = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '*' && pattern[i + 1] === '*') {
      re += '.*';
      i++;
    } else if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else re += c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  }
  return new RegExp(`^${re}$`, 's');
}

/** Whether Argo CD lets an Application with this repoURL into a project with this sourceRepos pattern. */
export function sourceRepoMatches(pattern: string, repoURL: string): boolean {
  if (pattern === '*') return true;
  return globRegExp(normalizeGitUrl(pattern)).test(normalizeGitUrl(repoURL));
}

/**
 * A sourceRepos pattern must name a literal scheme and host: `https://host/`, `http://host/`,
 * `ssh://user@host/` or scp-style `user@host:` (or `user@host/`), then either a literal first path
 * segment (the owner or group: `https://host/payments/*`) or a path without any glob (one exact
 * repository). Anything else (a lone star, a double star, `https://` followed by a glob, a glob
 * scheme, `https://*.example.com/x`: see test/escape.test.ts) can match repositories on any host,
 * and `https://host/**` every repository of that host, other teams' and the platform's own
 * included. Case-insensitive, like Argo CD's normalisation. The same
 * expression (RE2 and JavaScript alike) is in the admission policy
 * tenants-appproject-no-cluster-wildcard, with `(?i)`.
 */
export const LITERAL_HOST_SOURCE = String.raw`^((https?|ssh)://[^/*?\[\]{}\\\s]+/|[^/*?\[\]{}\\\s:@!]+@[^/*?\[\]{}\\\s:@]+[:/])([^/*?\[\]{}\\\s]+/|[^*?\[\]{}\\\s]*$)`;
const LITERAL_HOST = new RegExp(LITERAL_HOST_SOURCE, 'i');

/** Whether a sourceRepos pattern names its host and owner literally, or is one exact URL (see LITERAL_HOST). */
export function hasLiteralHost(pattern: string): boolean {
  return LITERAL_HOST.test(pattern);
}
