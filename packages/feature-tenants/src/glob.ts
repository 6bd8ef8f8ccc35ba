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

/** A pattern that lets in every repository (only `*`s). */
export function matchesEverything(pattern: string): boolean {
  return /^\*+$/.test(pattern.trim());
}
