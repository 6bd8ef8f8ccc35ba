// @ts-check
'use strict';
const { gunzipSync } = require('node:zlib');

/**
 * The bytes of one file inside a .tar.gz (ustar; opa bundles are small). Used to take policy.wasm
 * out of `opa build -t wasm` bundles by tools/compile-policies.mjs and the feature generator.
 * @param {Buffer} buf
 * @param {string} name
 * @returns {Buffer}
 */
function fromTarGz(buf, name) {
  const tar = gunzipSync(buf);
  for (let off = 0; off + 512 <= tar.length; ) {
    const header = tar.subarray(off, off + 512);
    const file = header.subarray(0, 100).toString('utf8').replace(/\0.*$/s, '');
    if (!file) break;
    const size = parseInt(header.subarray(124, 136).toString('utf8').replace(/\0.*$/s, '').trim() || '0', 8);
    if (file.replace(/^\.?\//, '') === name.replace(/^\//, '')) return Buffer.from(tar.subarray(off + 512, off + 512 + size));
    off += 512 + Math.ceil(size / 512) * 512;
  }
  throw new Error(`${name} not found in the opa bundle`);
}

module.exports = { fromTarGz };
