/**
 * Order nodes so every node comes after what it depends on, and give each a depth (longest
 * dependency chain below it). Ties are broken by name, so the order is deterministic.
 * Throws with the cycle when there is one.
 */
export function topoDepths(nodes: string[], edges: (n: string) => string[]): { order: string[]; depth: Record<string, number> } {
  const depth: Record<string, number> = {};
  const state: Record<string, 'visiting' | 'done'> = {};
  const order: string[] = [];
  const visit = (n: string, trail: string[]): number => {
    if (state[n] === 'done') return depth[n];
    if (state[n] === 'visiting') throw new Error(`dependency cycle: ${[...trail.slice(trail.indexOf(n)), n].join(' -> ')}`);
    state[n] = 'visiting';
    let d = 0;
    for (const m of [...edges(n)].sort()) d = Math.max(d, visit(m, [...trail, n]) + 1);
    state[n] = 'done';
    depth[n] = d;
    return d;
  };
  for (const n of [...nodes].sort()) visit(n, []);
  for (const n of [...nodes].sort((a, b) => depth[a] - depth[b] || a.localeCompare(b))) order.push(n);
  return { order, depth };
}
