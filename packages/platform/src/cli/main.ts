import * as fs from 'node:fs';
import * as path from 'node:path';
import type * as Core from '@sccp/core';
import type { Profile } from '@sccp/core';
import type { OptionSpec, Parsed } from './args';

// Cold start: `sccp --help` and `--version` print text and load neither @sccp/core's index (yaml, ajv,
// handlebars, jmespath) nor the argument parser nor any feature. Up front the CLI takes only core's
// errors module (exit codes, error classes: `@sccp/core/errors`, the same module core's index
// re-exports, so `instanceof` holds); the rest of core loads on first use. test/cold-start.test.ts
// checks what `--help` and `validate` load.
const { EXIT, UsageError, UserError, formatDiagnostic } = require('@sccp/core/errors') as Pick<typeof Core, 'EXIT' | 'UsageError' | 'UserError' | 'formatDiagnostic'>;
const core = () => require('@sccp/core') as typeof Core;
const emitJson: typeof Core.emitJson = (value, opts) => core().emitJson(value, opts);

export interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
  cwd: string;
}

interface Command {
  summary: string;
  usage: string;
  help: string;
  options: Record<string, OptionSpec>;
  run(p: Parsed, io: Io): number;
}

const lazy = {
  registry: () => (require('../features') as typeof import('../features')).builtinRegistry(),
  build: () => require('../build') as typeof import('../build'),
  compose: () => require('../compose') as typeof import('../compose'),
  load: () => require('../load') as typeof import('../load'),
};

const defaultFile = (p: Parsed, io: Io) => path.resolve(io.cwd, p.positionals[0] ?? 'platform.yaml');
const shown = (file: string, io: Io) => {
  const rel = path.relative(io.cwd, path.resolve(io.cwd, file));
  return !rel ? '.' : rel.startsWith('..') ? path.resolve(io.cwd, file) : rel;
};

function onePositional(p: Parsed, cmd: string) {
  if (p.positionals.length > 1) throw new UsageError(`sccp ${cmd}: expected at most one file, got ${p.positionals.length}: ${p.positionals.join(' ')}`);
}

const COMMANDS: Record<string, Command> = {
  init: {
    summary: 'write a starting platform.yaml (and its schema, for editor completion)',
    usage: 'sccp init [dir] [--profile kind|bare-metal|aks|eks|gke] [--name NAME] [--force]',
    help: `Creates <dir>/platform.yaml (default: the current directory) with the argocd, metallb and traefik
features enabled, and <dir>/platform.schema.json so editors that use yaml-language-server complete and
check keys. Refuses to overwrite an existing platform.yaml unless --force.

Example:
  sccp init lab --profile bare-metal --name lab && sccp validate lab/platform.yaml`,
    options: { profile: { value: true }, name: { value: true }, force: {}, help: { short: 'h' } },
    run(p, io) {
      onePositional(p, 'init');
      const { PROFILES, isDnsLabel } = core();
      const dir = path.resolve(io.cwd, p.positionals[0] ?? '.');
      const profile = (p.options.profile ?? 'kind') as Profile;
      if (!PROFILES.includes(profile)) throw new UsageError(`sccp init: --profile must be one of ${PROFILES.join(', ')}, got "${profile}"`);
      const name = String(p.options.name ?? (path.basename(dir).toLowerCase().replace(/[^a-z0-9-]/g, '-').replace(/^-+|-+$/g, '') || 'platform'));
      if (!isDnsLabel(name)) throw new UsageError(`sccp init: --name must be a DNS-1123 label (lowercase letters, digits, '-'), got "${name}"`);
      const file = path.join(dir, 'platform.yaml');
      if (fs.existsSync(file) && !p.options.force) throw new UserError([{ file: shown(file, io), message: 'already exists; pass --force to overwrite it' }]);
      const { initTemplate } = require('./init-template') as typeof import('./init-template');
      fs.mkdirSync(dir, { recursive: true });
      fs.writeFileSync(file, initTemplate(profile, name));
      fs.writeFileSync(path.join(dir, 'platform.schema.json'), emitJson(lazy.compose().composeSchema(lazy.registry().list()), { sort: false }));
      io.err(`wrote ${shown(file, io)} (profile ${profile}) and platform.schema.json\nnext: edit it, then \`sccp validate ${shown(file, io)}\``);
      return EXIT.ok;
    },
  },
  validate: {
    summary: 'check platform.yaml against the schema and the features\' rules',
    usage: 'sccp validate [file] [--json]',
    help: `Parses the file (default ./platform.yaml), validates it against the composed platform schema and
each enabled feature's rules (dependencies, address families, ...), and prints every problem as
file:line:col /json/pointer: what is wrong (and a suggestion). Exit 0 when valid, 1 when not.`,
    options: { json: {}, help: { short: 'h' } },
    run(p, io) {
      onePositional(p, 'validate');
      const file = defaultFile(p, io);
      try {
        const spec = lazy.load().loadPlatform(shown(file, io), lazy.registry());
        const { planPlatform } = require('../plan') as typeof import('../plan');
        const plan = planPlatform(spec);
        // render in memory too: some problems only show with the whole platform (e.g. a feature that needs another's capability)
        (require('../render') as typeof import('../render')).renderPlatform(plan);
        if (p.options.json) io.out(emitJson({ valid: true, file: shown(file, io), features: plan.features.map((f) => ({ name: f.feature.name, wave: f.wave })), diagnostics: [] }, { sort: false }));
        else io.err(`${shown(file, io)}: valid (${plan.features.length} features: ${plan.features.map((f) => f.feature.name).join(', ')})`);
        return EXIT.ok;
      } catch (e) {
        if (e instanceof UserError && p.options.json) {
          io.out(emitJson({ valid: false, file: shown(file, io), diagnostics: e.diagnostics }, { sort: false }));
          return EXIT.invalid;
        }
        throw e;
      }
    },
  },
  build: {
    summary: 'generate the ArgoCD app-of-apps repository (or --check it)',
    usage: 'sccp build [file] [--out DIR] [--check] [--allow-unmanaged] [--json]',
    help: `Validates the file (default ./platform.yaml) and writes the app-of-apps repository to --out
(default ./out): bootstrap/, apps/, charts/, README.md and .sccp/managed.json. Writing is atomic: on
any error the previous output is left as it was. Files SCCP wrote before and no longer produces are
pruned; files it did not write are kept and never overwritten.

--check writes nothing: exit 0 when --out is exactly what the file produces, 1 with the list of
changed, missing and stale files otherwise (hand edits, or platform.yaml changed since the build),
and of unmanaged files: files in the folders Argo CD syncs (apps/, bootstrap/, charts/, policies/,
tenants/ and other manifests folders) that SCCP did not write and \`sccp vendor\` did not record.

A build refuses to run while such unmanaged files exist: Argo CD would apply them unreviewed (a
hand-added ClusterRoleBinding in apps/ is cluster-admin for whoever added it). --allow-unmanaged
builds anyway, keeps them and lists them.`,
    options: { out: { value: true, short: 'o' }, check: {}, 'allow-unmanaged': {}, json: {}, help: { short: 'h' } },
    run(p, io) {
      onePositional(p, 'build');
      const file = shown(defaultFile(p, io), io);
      const out = path.resolve(io.cwd, String(p.options.out ?? 'out'));
      const b = lazy.build();
      if (p.options.check) {
        const { result } = b.checkOut(file, out, lazy.registry());
        const ok = !result.changed.length && !result.missing.length && !result.stale.length && !result.kept.length && !result.unmanaged.length;
        if (p.options.json) io.out(emitJson({ upToDate: ok, out: shown(out, io), ...result }, { sort: false }));
        else if (ok) io.err(`${shown(out, io)} is up to date with ${file}`);
        else {
          const lines = [
            ...result.changed.map((f) => `  changed  ${f}`),
            ...result.missing.map((f) => `  missing  ${f}`),
            ...result.stale.map((f) => `  stale    ${f}`),
            ...result.kept.map((f) => `  kept     ${f}: listed in .sccp/managed.json, but not what SCCP wrote (edited, or the manifest was tampered with); a build keeps it`),
            ...result.unmanaged.map((u) => `  unmanaged ${u.file}: ${u.reason}`),
          ];
          io.err(`${shown(out, io)} differs from what ${file} produces:\n${lines.join('\n')}\nrun \`sccp build ${file} --out ${shown(out, io)}\` to regenerate`);
        }
        return ok ? EXIT.ok : EXIT.invalid;
      }
      io.err(`validating ${file}`);
      const { plan, result, tree, unmanaged } = b.buildTo(file, out, lazy.registry(), { allowUnmanaged: !!p.options['allow-unmanaged'] });
      for (const u of unmanaged) io.err(`WARNING: unmanaged ${u.file}: ${u.reason}; Argo CD applies it`);
      const summary = { out: shown(out, io), features: plan.features.map((f) => f.feature.name), files: tree.size, written: result.written, pruned: result.pruned, kept: result.kept, unchanged: result.unchanged.length, unmanaged };
      if (p.options.json) io.out(emitJson(summary, { sort: false }));
      else {
        for (const f of result.pruned) io.err(`  pruned   ${f}`);
        for (const f of result.kept) io.err(`WARNING: kept ${f}: SCCP wrote it before and no longer produces it, but its content is not what .sccp/managed.json records (edited, or the manifest was tampered with); it is no longer SCCP's, remove it by hand if it is not yours`);
        io.err(`wrote ${shown(out, io)}: ${plan.features.length} features, ${tree.size} files (${result.written.length} changed, ${result.pruned.length} pruned, ${result.unchanged.length} unchanged)`);
      }
      return EXIT.ok;
    },
  },
  verify: {
    summary: 'run the enabled features\' policies on a generated repository',
    usage: 'sccp verify [repo] [--platform FILE] [--helm PATH] [--feature-path DIR] [--json]',
    help: `Evaluates the Rego policies of every feature and enabled policy pack in the repository (default
./out), compiled to wasm and run in-process (no OPA needed), with the parameters and exceptions the
build recorded in .sccp/policies.json, on its Applications, AppProjects, tenants and each wrapper chart's
own templates (rendered offline with helm when it is found: --helm, $SCCP_HELM or PATH; upstream
charts are not rendered). Prints resource, policy and message for every violation; exit 1 when
there is one.

It also fails on files: unmanaged files (in the folders Argo CD syncs, not listed in
.sccp/managed.json nor recorded by \`sccp vendor\`) and modified files (listed, with other content than
their recorded hash). A change that also edits .sccp/managed.json can hide a file from those checks;
--platform FILE (-p) rebuilds FILE in memory and compares the repository with it byte for byte
(changed, missing, stale), which nothing in the repository can fake: use it in CI on pull requests.

The repository is read as untrusted input, the way Argo CD reads it: YAML 1.1 (\`yes\` and \`on\` are
true, \`<<\` merges), every document must parse (a syntax error is an error, never a skip), no symbolic
links. Verify never runs code from it: a feature that is not built in is loaded from its npm package
(the Application's sccp.dev/package) only where sccp is installed, or from --feature-path DIR (a
folder whose node_modules holds it; several separated by '${path.delimiter}'), never from the repository or the
working directory.`,
    options: { platform: { value: true, short: 'p' }, helm: { value: true }, 'feature-path': { value: true }, json: {}, help: { short: 'h' } },
    run(p, io) {
      onePositional(p, 'verify');
      const repo = path.resolve(io.cwd, p.positionals[0] ?? 'out');
      const { verifyRepository } = require('../verify') as typeof import('../verify');
      const platform = p.options.platform ? shown(path.resolve(io.cwd, String(p.options.platform)), io) : undefined;
      const featurePaths = typeof p.options['feature-path'] === 'string' ? p.options['feature-path'].split(path.delimiter).filter(Boolean).map((d) => path.resolve(io.cwd, d)) : undefined;
      const report = verifyRepository(repo, lazy.registry(), { helm: p.options.helm as string | undefined, platform, featurePaths });
      // file names, resource names and messages come from the repository: no control character reaches the terminal raw
      // (nor a line break that could forge a line of the CI log)
      const esc = core().escapeUnsafe;
      const f = (s: unknown) => esc(String(s)).replace(/\n/g, '\\n');
      const rb = report.rebuild;
      const fileProblems = report.unmanaged.length + report.modified.length + (rb ? rb.changed.length + rb.missing.length + rb.stale.length : 0);
      if (p.options.json) io.out(emitJson(report, { sort: false }));
      else {
        for (const v of report.violations) io.out(`${f(v.file)}  ${f(v.resource)}  ${f(v.policy)}\n  ${f(v.message)}\n`);
        for (const u of report.unmanaged) io.out(`${f(u.file)}  unmanaged\n  ${f(u.reason)}; Argo CD applies it\n`);
        for (const m of report.modified) io.out(`${f(m)}  modified\n  content differs from its hash in .sccp/managed.json\n`);
        if (rb) for (const [what, list] of [['changed', rb.changed], ['missing', rb.missing], ['stale', rb.stale]] as const) for (const x of list) io.out(`${f(x)}  ${what}\n  differs from a fresh build of ${f(rb.platform)}\n`);
        for (const s of report.skipped) io.err(`skipped ${f(s)}`);
        const count = Object.values(report.policies).reduce((n, l) => n + l.length, 0);
        const excepted = report.excepted.length ? `, ${report.excepted.length} excepted (declared exceptions)` : '';
        io.err(`${shown(repo, io)}: ${report.resources} resources, ${count} policies, ${report.violations.length} violation${report.violations.length === 1 ? '' : 's'}${excepted}`);
        if (fileProblems) io.err(`${shown(repo, io)}: ${fileProblems} file${fileProblems === 1 ? '' : 's'} not as SCCP wrote ${fileProblems === 1 ? 'it' : 'them'} (unmanaged, modified${rb ? ', or differing from the build' : ''})`);
      }
      return report.violations.length || fileProblems ? EXIT.invalid : EXIT.ok;
    },
  },
  vendor: {
    summary: 'copy the pinned upstream charts into the repository, for ArgoCD offline (or --verify them)',
    usage: 'sccp vendor [repo] [--mirror UPSTREAM|*=URL[,...]] [--mirrors FILE] [--allow-http] [--allow-unverified] [--plain-http] [--max-download MiB] [--max-unpacked MiB] [--helm PATH] [--verify] [--json]',
    get help() {
      return (require('./vendor') as typeof import('./vendor')).VENDOR_HELP;
    },
    options: { mirror: { value: true }, mirrors: { value: true }, 'allow-http': {}, 'allow-unverified': {}, 'plain-http': {}, 'max-download': { value: true }, 'max-unpacked': { value: true }, helm: { value: true }, verify: {}, json: {}, help: { short: 'h' } },
    run: (p, io) => (require('./vendor') as typeof import('./vendor')).vendorCommand(p, io),
  },
  policies: {
    summary: 'list the policies a platform bundles, or explain one',
    usage: 'sccp policies [list | explain ID] [--platform FILE] [--json]',
    help: `Lists policies with id, severity, engines (kyverno, rego), the feature or pack that ships them,
enforcement and the number of exceptions. With --platform (default ./platform.yaml when it exists):
the policies that platform bundles, with its admission controller's enforcement (enforce, audit, or
verify-only when no controller runs it) and its declared and platform exceptions. Without a platform:
every policy of every available feature and pack.

\`sccp policies explain ID\` prints one policy: description, engines, owner, enforcement and each
exception with its reason, expiry and where it is declared.

Examples:
  sccp policies list --platform examples/bare-metal/platform.yaml
  sccp policies explain baseline-run-as-non-root --json`,
    options: { platform: { value: true, short: 'p' }, json: {}, help: { short: 'h' } },
    run(p, io) {
      const explicit = p.options.platform as string | undefined;
      const fallback = path.resolve(io.cwd, 'platform.yaml');
      const platform = explicit ? shown(path.resolve(io.cwd, explicit), io) : fs.existsSync(fallback) ? shown(fallback, io) : undefined;
      const { policiesCommand } = require('./policies') as typeof import('./policies');
      io.out(policiesCommand(p.positionals, { platform, json: !!p.options.json }, lazy.registry()));
      return EXIT.ok;
    },
  },
  features: {
    summary: 'list the available features',
    usage: 'sccp features [--json]',
    help: 'Lists every feature sccp can deploy: name, package version, upstream chart and version, namespace, dependencies.',
    options: { json: {}, help: { short: 'h' } },
    run(p, io) {
      if (p.positionals.length) throw new UsageError('sccp features: takes no arguments');
      const list = lazy.registry().list().map((f) => ({
        name: f.name,
        package: f.packageName,
        version: f.version,
        namespace: f.namespace,
        upstream: f.upstream.map((u) => ({ chart: u.name, version: u.version, repository: u.repository })),
        dependsOn: f.dependsOn ?? [],
        optionalDependsOn: f.optionalDependsOn ?? [],
        description: f.description,
      }));
      if (p.options.json) {
        io.out(emitJson(list, { sort: false }));
        return EXIT.ok;
      }
      const rows = [['NAME', 'VERSION', 'UPSTREAM', 'NAMESPACE', 'DEPENDS ON']];
      for (const f of list) {
        const deps = [...f.dependsOn, ...f.optionalDependsOn.map((d) => `${d}?`)].join(',') || '-';
        rows.push([f.name, f.version, f.upstream.map((u) => `${u.chart}@${u.version}`).join(',') || '-', f.namespace, deps]);
      }
      const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
      io.out(rows.map((r) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]))).join('  ')).join('\n') + '\n');
      io.out('(name? = optional integration)\n');
      return EXIT.ok;
    },
  },
  schema: {
    summary: 'print the composed JSON Schema of platform.yaml',
    usage: 'sccp schema [--out FILE]',
    help: `Prints the JSON Schema of platform.yaml composed from every available feature (or writes it to
--out). Point your editor at it with a first line \`# yaml-language-server: $schema=<path>\`.`,
    options: { out: { value: true, short: 'o' }, help: { short: 'h' } },
    run(p, io) {
      if (p.positionals.length) throw new UsageError('sccp schema: takes no arguments');
      const text = emitJson(lazy.compose().composeSchema(lazy.registry().list()), { sort: false });
      if (p.options.out) {
        const file = path.resolve(io.cwd, String(p.options.out));
        fs.writeFileSync(file, text);
        io.err(`wrote ${shown(file, io)}`);
      } else io.out(text);
      return EXIT.ok;
    },
  },
};

function topHelp(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((c) => c.length));
  return `sccp: describe a Kubernetes platform in one platform.yaml, get the ArgoCD app-of-apps repository that deploys it.

Usage: sccp <command> [options]

Commands:
${Object.entries(COMMANDS)
  .map(([n, c]) => `  ${n.padEnd(width)}  ${c.summary}`)
  .join('\n')}

Start here:
  sccp init lab --profile kind        write lab/platform.yaml
  sccp validate lab/platform.yaml     located errors, exit 1 when invalid
  sccp build lab/platform.yaml --out lab-repo
  sccp build lab/platform.yaml --out lab-repo --check
  sccp verify lab-repo                policies, before ArgoCD ever sees it
  sccp policies list -p lab/platform.yaml   what is enforced, and the exceptions

Run \`sccp <command> --help\` for a command's options. Exit codes: 0 ok, 1 invalid input or failed
check, 2 usage error, 3 internal error (set SCCP_DEBUG=1 for a stack trace).
`;
}

/** Run the CLI; returns the exit code. Never throws. */
export function main(argv: string[], io: Io): number {
  try {
    const [name, ...rest] = argv;
    if (!name || name === '--help' || name === '-h' || name === 'help') {
      io.out(topHelp());
      return name || argv.length ? EXIT.ok : EXIT.usage;
    }
    if (name === '--version' || name === 'version') {
      io.out(`${require('../../package.json').version}\n`);
      return EXIT.ok;
    }
    const cmd = COMMANDS[name];
    if (!cmd) {
      const near = core().closest(name, Object.keys(COMMANDS));
      throw new UsageError(`sccp: unknown command "${name}"${near ? ` (did you mean "${near}"?)` : ''}; run \`sccp --help\``);
    }
    const { parseArgs } = require('./args') as typeof import('./args');
    const parsed = parseArgs(rest, cmd.options, name);
    if (parsed.options.help) {
      io.out(`Usage: ${cmd.usage}\n\n${cmd.help}\n`);
      return EXIT.ok;
    }
    return cmd.run(parsed, io);
  } catch (e) {
    if (e instanceof UserError) {
      io.err(e.diagnostics.map(formatDiagnostic).join('\n'));
      return EXIT.invalid;
    }
    if (e instanceof UsageError) {
      io.err(e.message);
      return EXIT.usage;
    }
    io.err(`sccp: internal error: ${(e as Error).message ?? e}\nthis is a bug in sccp or a feature package; set SCCP_DEBUG=1 for the stack trace`);
    if (process.env.SCCP_DEBUG) io.err(String((e as Error).stack));
    return EXIT.internal;
  }
}
