import * as path from 'node:path';
import type { Fixture } from '@sccp/test-kit';
import { POD_SECURITY_CHECKS } from '../src';

/**
 * The pack's fixtures are written for the default level, restricted. At level baseline the
 * policies with restricted checks only deny nothing, and the ones with a baseline variant
 * (capabilities, seccomp, procMount) deny only these fixtures:
 */
const FAIL_AT_BASELINE: Record<string, string[]> = {
  // adds SYS_ADMIN, which is not in the baseline's default set
  'baseline-drop-all-capabilities': ['fail-add-sys-admin.yaml'],
  // an explicit Unconfined (an unset profile is the baseline's business no more)
  'baseline-seccomp-profile': ['fail-container-unconfined.yaml', 'fail-pod-unconfined.yaml'],
  // an unmasked /proc outside a user namespace
  'baseline-proc-mount': ['fail-unmasked.yaml'],
};

/** The policies whose verdicts depend on the level. */
export const LEVEL_DEPENDENT = Object.keys(POD_SECURITY_CHECKS).filter((id) => POD_SECURITY_CHECKS[id].restricted).sort();

/** What a fixture of a level-dependent policy expects at level baseline. */
export function expectAtBaseline(f: Fixture): 'pass' | 'fail' {
  if (!LEVEL_DEPENDENT.includes(f.policy)) return f.expect;
  return (FAIL_AT_BASELINE[f.policy] ?? []).includes(path.basename(f.file)) ? 'fail' : 'pass';
}
