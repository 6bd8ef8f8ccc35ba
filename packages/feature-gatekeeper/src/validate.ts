import type { PlatformInfo, ValuesProblem } from '@sccp/core';
import type { GatekeeperValues } from './values.generated';

/** Semantic checks JSON Schema cannot express. */
export function validateValues(values: GatekeeperValues, _platform: PlatformInfo): ValuesProblem[] {
  const problems: ValuesProblem[] = [];
  const replicas = values.replicas ?? 3;
  const minAvailable = values.podDisruptionBudget?.minAvailable ?? 1;
  if (minAvailable >= replicas) {
    problems.push({
      pointer: '/podDisruptionBudget/minAvailable',
      message: `podDisruptionBudget.minAvailable (${minAvailable}) must be lower than replicas (${replicas}): otherwise a node drain can never evict a Gatekeeper webhook pod (set it to ${Math.max(0, replicas - 1)})`,
    });
  }
  return problems;
}
