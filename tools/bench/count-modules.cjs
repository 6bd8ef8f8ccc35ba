// Preloaded with `node -r` by the bench: on exit, write how many modules the process loaded (the
// entries of require.cache, JSON files excluded) to $SCCP_BENCH_MODULES.
'use strict';
process.on('exit', () => {
  const files = Object.keys(require.cache).filter((f) => !f.endsWith('.json') && f !== __filename);
  const packages = new Set(files.map((f) => (/.*node_modules\/((@[^/]+\/)?[^/]+)/.exec(f) ?? /.*\/packages\/([^/]+)\//.exec(f) ?? [, f])[1]));
  require('node:fs').writeFileSync(process.env.SCCP_BENCH_MODULES, JSON.stringify({ modules: files.length, packages: packages.size }));
});
