// Node: wasm-bindgen's nodejs builds, which read and compile their .wasm synchronously when
// required. The pack compiler is required on the first loadPack only.
import { createRequire } from 'node:module';
import wasm from './node/skillcalc_wasm.js';
import { bind } from './api.js';

const require = createRequire(import.meta.url);

export { SkillcalcError } from './api.js';
export const { evaluate, evaluateBatch, decide, decideMany, match, batch, facts, policies, loadPack, version } = bind(wasm, {
  compiler: async () => require('./node/skillcalc_compiler.js'),
  restartable: true,
});
