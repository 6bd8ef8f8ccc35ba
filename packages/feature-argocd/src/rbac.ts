/** The Casbin policy.csv of argocd-rbac-cm: one `g, <group>, role:admin` line per admin group. */
export function adminPolicyCsv(groups: readonly string[]): string {
  // The schema restricts group names (no commas, quotes, '#', line breaks), so each is one CSV field.
  return groups.map((g) => `g, ${g}, role:admin\n`).join('');
}
