import { UsageError } from '@sccp/core';

export interface OptionSpec {
  /** Option takes a value (`--out DIR`) rather than being a flag (`--json`). */
  value?: boolean;
  short?: string;
}

export interface Parsed {
  positionals: string[];
  options: Record<string, string | boolean>;
}

/** Parse `--flag`, `--opt value`, `--opt=value`, `-x`; unknown options are usage errors with a suggestion. */
export function parseArgs(argv: string[], spec: Record<string, OptionSpec>, command: string): Parsed {
  const positionals: string[] = [];
  const options: Record<string, string | boolean> = {};
  const shorts = Object.fromEntries(Object.entries(spec).filter(([, s]) => s.short).map(([k, s]) => [s.short!, k]));
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (!a.startsWith('-') || a === '-') {
      positionals.push(a);
      continue;
    }
    let name: string;
    let inline: string | undefined;
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      name = eq > 0 ? a.slice(2, eq) : a.slice(2);
      inline = eq > 0 ? a.slice(eq + 1) : undefined;
    } else name = shorts[a.slice(1)] ?? a.slice(1);
    const s = spec[name];
    if (!s) {
      const { closest } = require('@sccp/core') as typeof import('@sccp/core');
      const near = closest(name, Object.keys(spec));
      throw new UsageError(`sccp ${command}: unknown option ${a}${near ? ` (did you mean --${near}?)` : ''}; see \`sccp ${command} --help\``);
    }
    if (s.value) {
      const v = inline ?? argv[++i];
      if (v === undefined || (inline === undefined && v.startsWith('--'))) throw new UsageError(`sccp ${command}: ${a} needs a value`);
      options[name] = v;
    } else {
      if (inline !== undefined) throw new UsageError(`sccp ${command}: ${a} takes no value`);
      options[name] = true;
    }
  }
  return { positionals, options };
}
