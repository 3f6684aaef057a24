// Bundlers that load .wasm as an ES module (webpack 5 with asyncWebAssembly, Rollup or Vite
// with a wasm plugin). Vite without a plugin: use "skillcalc/web". The pack compiler is a
// dynamic import, so bundlers split it into a chunk fetched on the first loadPack only.
import * as wasm from './bundler/skillcalc_wasm.js';
import { bind } from './api.js';

export { SkillcalcError } from './api.js';
export const { evaluate, evaluateBatch, decide, decideMany, match, batch, facts, policies, loadPack, version } = bind(wasm, {
  compiler: () => import('./bundler/skillcalc_compiler.js'),
  // The bundler made the instance, and only it has the compiled module a fresh one needs.
  restartable: false,
});
