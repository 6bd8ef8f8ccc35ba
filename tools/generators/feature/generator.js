// @ts-check
'use strict';
// `nx g @sccp/tools:feature <name>`: scaffold a complete SCCP feature package (docs/feature-authoring.md).
//
// Plain CommonJS with JSDoc types (type-checked by `tsc -p tools`): Nx loads it as is, without a
// TypeScript transpiler (Node 20 has no type stripping, and the workspace has no swc/ts-node).
//
// The files under files/ are EJS templates (`.template` suffix, `__policyId__` in paths). The outputs
// that `npm run generate` produces are computed here with the same code, so they are byte-identical
// to what the package's drift checks expect: src/values.generated.ts (json-schema-to-typescript via
// @sccp/core), the README values table (@sccp/core valuesTable) and policies/policy.wasm
// (tools/compile-policies.mjs itself). They are written after
// formatFiles, so a formatter never rewrites generated output.
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { formatFiles, generateFiles, logger, names, offsetFromRoot, readJson, updateJson } = require('@nx/devkit');

/**
 * @typedef {object} FeatureGeneratorSchema
 * @property {string} name
 * @property {string} [description]
 * @property {string} [namespace]
 * @property {string} [chart]
 * @property {string} [chartVersion]
 * @property {string} [chartRepository]
 * @property {string} [directory]
 * @property {string} [packageName]
 */

/**
 * @typedef {object} NormalizedOptions
 * @property {string} name             feature name (DNS label starting with a letter)
 * @property {string} title            "My Cache" for my-cache
 * @property {string} typeName         "MyCacheValues"
 * @property {string} description
 * @property {string} namespace
 * @property {string} packageName      "@sccp/feature-my-cache"
 * @property {string} projectRoot      "packages/feature-my-cache"
 * @property {string} policyId         "my-cache-part-of-label"
 * @property {string} regoPackage      "my_cache_part_of_label" (under `sccp.`)
 * @property {{ name: string; version: string; repository: string } | null} upstream
 */

/** The suffix of the scaffold's policy id; a Kyverno policy name must fit a 63-character label. */
const POLICY_SUFFIX = '-part-of-label';
const MAX_NAME = 63 - POLICY_SUFFIX.length;
/** A DNS-1123 label that starts with a letter: also a valid Helm chart name and, in PascalCase, a TypeScript identifier. */
const FEATURE_NAME = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const CHART_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const SEMVER = /^v?\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$/;
const REPOSITORY = /^(https?|oci):\/\/[^\s]+$/;
const NPM_NAME = /^(@[a-z0-9][a-z0-9._~-]*\/)?[a-z0-9][a-z0-9._~-]*$/;
/** Keys of the wrapper chart's values.yaml that the convention reserves (docs/feature-authoring.md). */
const RESERVED_VALUES_KEYS = ['sccp', 'wiring', 'global'];

/**
 * @param {import('@nx/devkit').Tree} tree
 * @param {FeatureGeneratorSchema} options
 */
async function featureGenerator(tree, options) {
  const o = normalizeOptions(tree, options);
  const core = loadCore(tree.root);
  const corePackage = readJson(tree, 'packages/core/package.json');
  const rootPackage = readJson(tree, 'package.json');
  const offset = offsetFromRoot(o.projectRoot);

  generateFiles(tree, path.join(__dirname, 'files'), o.projectRoot, {
    ...o,
    offset,
    corePath: path.posix.relative(o.projectRoot, 'packages/core'),
    coreVersion: corePackage.version,
    contract: core.CONTRACT_VERSION,
    yamlVersion: rootPackage.devDependencies?.yaml ?? rootPackage.dependencies?.yaml ?? '^2.0.0',
    json: (/** @type {unknown} */ v) => JSON.stringify(v),
    ts: tsString,
    tsKey: (/** @type {string} */ k) => (/^[A-Za-z_$][\w$]*$/.test(k) ? k : tsString(k)),
    tmpl: '',
  });

  updateJson(tree, 'tsconfig.json', (tsconfig) => {
    /** @type {{ path: string }[]} */
    const refs = tsconfig.references ?? [];
    if (!refs.some((r) => path.posix.normalize(r.path) === o.projectRoot)) {
      // the platform package references every feature, so it stays last
      const platform = refs.findIndex((r) => path.posix.normalize(r.path) === 'packages/platform');
      refs.splice(platform < 0 ? refs.length : platform, 0, { path: o.projectRoot });
    }
    return { ...tsconfig, references: refs };
  });

  await formatFiles(tree);

  // What `npm run generate` produces, computed with the same code.
  const schema = JSON.parse(/** @type {string} */ (tree.read(`${o.projectRoot}/schema.json`, 'utf-8')));
  tree.write(`${o.projectRoot}/src/values.generated.ts`, await core.generateTypes(core.bundle(schema), o.typeName, 'schema.json'));
  const bundled = core.bundle(schema, `${o.name} values`);
  const readme = `${o.projectRoot}/README.md`;
  tree.write(readme, core.withValuesTable(/** @type {string} */ (tree.read(readme, 'utf-8')), core.valuesTable(bundled, core.schemaDefaults(bundled) ?? {}, {})));
  tree.write(`${o.projectRoot}/policies/policy.wasm`, compilePolicies(tree, o.projectRoot));

  return () => {
    logger.info(
      [
        '',
        `${o.packageName} created in ${o.projectRoot}. Next:`,
        `  npm install                         link the new workspace package`,
        `  npx nx run ${o.packageName}:test    build it, then run its conformance, render and policy tests`,
        `  npm run generate -w ${o.packageName}    after editing schema.json or the Rego`,
        `Enable it in platform.yaml with features.${o.name}.package: "${o.packageName}" (see its README).`,
      ].join('\n'),
    );
  };
}

/**
 * Check and complete the options; every problem is an Error that says what to change. Nothing is
 * written before this returns.
 * @param {import('@nx/devkit').Tree} tree
 * @param {FeatureGeneratorSchema} options
 * @returns {NormalizedOptions}
 */
function normalizeOptions(tree, options) {
  const name = String(options.name ?? '').trim();
  if (!name) throw new Error('a feature name is required: nx g @sccp/tools:feature <name>');
  if (!FEATURE_NAME.test(name) || name.length > MAX_NAME) {
    throw new Error(
      `invalid feature name "${name}": a feature name is a DNS label that starts with a letter: lowercase letters, digits and '-', ` +
        `ending with a letter or digit, at most ${MAX_NAME} characters (e.g. "my-cache"). It becomes the key under features: in platform.yaml, ` +
        `the chart name and the prefix of the feature's policy ids.`,
    );
  }
  const n = names(name);
  const title = name
    .split('-')
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join(' ');
  const description = options.description === undefined || options.description.trim() === '' ? `${title} for SCCP` : options.description.trim();
  if (/[\r\n]/.test(description)) throw new Error('the description is one line: remove the line breaks');
  const namespace = options.namespace ?? name;
  if (!DNS_LABEL.test(namespace) || namespace.length > 63) {
    throw new Error(`invalid namespace "${namespace}": a namespace is a DNS label: lowercase letters, digits and '-', starting and ending with a letter or digit, at most 63 characters`);
  }

  /** @type {NormalizedOptions['upstream']} */
  let upstream = null;
  const { chart, chartVersion, chartRepository } = options;
  if (chart !== undefined) {
    if (!CHART_NAME.test(chart)) throw new Error(`invalid chart name "${chart}": lowercase letters, digits and '-'`);
    if (RESERVED_VALUES_KEYS.includes(chart)) throw new Error(`chart name "${chart}" clashes with the wrapper chart's reserved values key .Values.${chart}`);
    if (!chartVersion || !SEMVER.test(chartVersion)) throw new Error(`--chart needs --chartVersion with the pinned chart version (semver such as 1.2.3), got ${JSON.stringify(chartVersion ?? null)}`);
    if (!chartRepository || !REPOSITORY.test(chartRepository)) {
      throw new Error(`--chart needs --chartRepository with the chart's Helm repository (https://... or oci://...), got ${JSON.stringify(chartRepository ?? null)}`);
    }
    upstream = { name: chart, version: chartVersion, repository: chartRepository };
  } else if (chartVersion !== undefined || chartRepository !== undefined) {
    throw new Error('--chartVersion and --chartRepository describe an upstream chart: add --chart <name>');
  }

  const directory = path.posix.normalize((options.directory ?? 'packages').replace(/\\/g, '/')).replace(/\/+$/, '');
  if (directory.startsWith('/') || directory === '.' || directory.split('/').includes('..')) {
    throw new Error(`invalid directory "${options.directory}": a folder inside the workspace, relative to its root (e.g. packages)`);
  }
  const projectRoot = `${directory}/feature-${name}`;
  const packageName = options.packageName?.trim() || `@sccp/feature-${name}`;
  if (!NPM_NAME.test(packageName) || packageName.length > 214) {
    throw new Error(`invalid package name "${packageName}": an npm package name such as @acme/sccp-feature-${name} (lowercase, optional @scope/)`);
  }
  if (tree.exists(projectRoot)) throw new Error(`${projectRoot} already exists: choose another feature name, or remove the folder first`);
  const workspaces = readJson(tree, 'package.json').workspaces ?? [];
  /** @type {string[]} */
  const globs = Array.isArray(workspaces) ? workspaces : (workspaces.packages ?? []);
  if (!globs.some((g) => globMatches(g, projectRoot))) {
    throw new Error(`${projectRoot} is not covered by the workspaces of the root package.json (${globs.join(', ')}): use a directory they cover, e.g. packages`);
  }
  const taken = packageDirs(tree, globs).find((dir) => readJson(tree, `${dir}/package.json`).name === packageName);
  if (taken) throw new Error(`the package name ${packageName} is already used by ${taken}`);
  if (!tree.exists('packages/core/package.json')) throw new Error('packages/core is missing: the generator runs in the SCCP workspace');

  const policyId = `${name}${POLICY_SUFFIX}`;
  return {
    name,
    title,
    typeName: `${n.className}Values`,
    description,
    namespace,
    packageName,
    projectRoot,
    policyId,
    regoPackage: policyId.replace(/-/g, '_'),
    upstream,
  };
}

/**
 * The workspace packages: folders with a package.json that a root package.json workspace glob names
 * (`packages/*`: one level below packages/; `tools`: that folder).
 * @param {import('@nx/devkit').Tree} tree
 * @param {string[]} globs
 */
function packageDirs(tree, globs) {
  /** @type {string[]} */
  const out = [];
  for (const g of globs) {
    const glob = path.posix.normalize(g).replace(/\/+$/, '');
    if (!glob.includes('*')) {
      if (tree.exists(`${glob}/package.json`)) out.push(glob);
      continue;
    }
    const base = glob.slice(0, glob.indexOf('*')).replace(/\/+$/, '') || '.';
    for (const child of tree.exists(base) ? tree.children(base) : []) {
      const dir = base === '.' ? child : `${base}/${child}`;
      if (globMatches(glob, dir) && tree.exists(`${dir}/package.json`)) out.push(dir);
    }
  }
  return out;
}

/**
 * npm workspace globs as used here: `*` matches one path segment.
 * @param {string} glob
 * @param {string} dir
 */
function globMatches(glob, dir) {
  const re = new RegExp(`^${path.posix.normalize(glob).replace(/\/+$/, '').split('*').map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('[^/]*')}$`);
  return re.test(dir);
}

/**
 * @sccp/core as the workspace has it (built: `npm install` runs `tsc -b`).
 * @param {string} root
 * @returns {any}
 */
function loadCore(root) {
  let resolved;
  try {
    resolved = require.resolve('@sccp/core', { paths: [root] });
  } catch (e) {
    throw new Error(`@sccp/core cannot be loaded from ${root}: run \`npm install\` (which builds the workspace with tsc -b) first (${/** @type {Error} */ (e).message.split('\n')[0]})`);
  }
  return require(resolved);
}

/**
 * policies/policy.wasm of the new package, compiled by tools/compile-policies.mjs (what `npm run generate`
 * runs) from a copy of its package.json and Rego laid out like the package (the wasm records paths
 * relative to the package folder).
 * @param {import('@nx/devkit').Tree} tree
 * @param {string} projectRoot
 * @returns {Buffer}
 */
function compilePolicies(tree, projectRoot) {
  const opa = path.join(tree.root, '.tools', 'bin', 'opa');
  if (!fs.existsSync(opa)) throw new Error('opa is not built, and policies/policy.wasm is compiled with it: run `npm run engines` first');
  const regoDir = `${projectRoot}/policies/rego`;
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sccp-feature-opa-'));
  try {
    // the package's Rego on disk, compiled by the script `npm run generate` runs, so the bytes are the same
    fs.mkdirSync(path.join(tmp, 'policies', 'rego'), { recursive: true });
    fs.writeFileSync(path.join(tmp, 'package.json'), /** @type {Buffer} */ (tree.read(`${projectRoot}/package.json`)));
    for (const f of tree.children(regoDir)) fs.writeFileSync(path.join(tmp, 'policies', 'rego', f), /** @type {Buffer} */ (tree.read(`${regoDir}/${f}`)));
    const r = spawnSync(process.execPath, [path.join(tree.root, 'tools', 'compile-policies.mjs'), tmp], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`compiling ${regoDir} to wasm failed:\n${r.stderr || r.stdout}`);
    return fs.readFileSync(path.join(tmp, 'policies', 'policy.wasm'));
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

/**
 * A single-quoted TypeScript string literal.
 * @param {string} s
 */
function tsString(s) {
  return `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

module.exports = featureGenerator;
module.exports.default = featureGenerator;
module.exports.featureGenerator = featureGenerator;
module.exports.normalizeOptions = normalizeOptions;
