// Jest runs CommonJS; some dependencies now ship ES modules only. Compile a
// node_modules file with swc only when it is an ES module; pass others through.
const { createHash } = require('node:crypto');
const swc = require('@swc/core');

const ESM_SYNTAX = /^\s*(import\s[^(]|import\s*\{|export\s)/m;

module.exports = {
  canInstrument: false,
  getCacheKey(source, path) {
    return createHash('sha1').update('esm-v1').update(path).update(source).digest('hex');
  },
  process(source, path) {
    if (!ESM_SYNTAX.test(source)) return { code: source };
    const { code, map } = swc.transformSync(source, {
      filename: path,
      sourceMaps: true,
      module: { type: 'commonjs' },
      jsc: { parser: { syntax: 'ecmascript' }, target: 'es2022' },
    });
    return { code, map };
  },
};
