import { escapeUnsafe } from './text-safety';

/** A problem in user input, located in a source file. */
export interface Diagnostic {
  /** File the problem is in (as the user named it). */
  file?: string;
  /** 1-based line and column, when known. */
  line?: number;
  col?: number;
  /** JSON pointer into the document (RFC 6901), '' for the root. */
  pointer?: string;
  /** What is wrong and what was expected. */
  message: string;
  /** A suggestion, e.g. the closest valid key. */
  hint?: string;
}

/** One diagnostic as a line; unsafe characters it quotes from the input are written as `\uXXXX`, never raw to the terminal. */
export function formatDiagnostic(d: Diagnostic): string {
  const where = d.file ? `${d.file}${d.line ? `:${d.line}:${d.col ?? 1}` : ''}` : '';
  const ptr = d.pointer !== undefined ? ` ${d.pointer || '/'}` : '';
  const head = where ? `${where}${ptr}` : ptr.trim();
  return escapeUnsafe(`${head ? head + ': ' : ''}${d.message}${d.hint ? ` (${d.hint})` : ''}`);
}

/** Invalid input: exit code 1, printed without a stack trace. */
export class UserError extends Error {
  readonly diagnostics: Diagnostic[];
  constructor(diagnostics: Diagnostic[] | string) {
    const list = typeof diagnostics === 'string' ? [{ message: diagnostics }] : diagnostics;
    super(list.map(formatDiagnostic).join('\n'));
    this.name = 'UserError';
    this.diagnostics = list;
  }
}

/** Wrong command-line usage: exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export const EXIT = { ok: 0, invalid: 1, usage: 2, internal: 3 } as const;
