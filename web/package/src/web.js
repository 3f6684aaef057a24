// Browsers, as a plain ES module: `await init()` once (it fetches the .wasm from beside this
// file, or from what you pass), then call the functions. No top-level await, so importing it
// never blocks; no threads or SharedArrayBuffer, so no COOP/COEP headers are needed. The pack
// compiler (a second .wasm) is fetched on the first loadPack only.
import wasmInit, * as wasm from './web/skillcalc_wasm.js';
import { bind } from './api.js';

let loaded = false;

/** Loads the wasm: `await init()`, or `await init({ module_or_path: url })`. */
export default async function init(options) {
  await wasmInit(options);
  loaded = true;
}

/** Loads the wasm synchronously from its bytes or a compiled module: `initSync({ module })`. */
export function initSync(options) {
  wasm.initSync(options);
  loaded = true;
}

async function compiler() {
  const module = await import('./web/skillcalc_compiler.js');
  await module.default();
  return module;
}

export { SkillcalcError } from './api.js';
export const { evaluate, evaluateBatch, decide, decideMany, match, batch, facts, policies, loadPack, version } = bind(wasm, {
  compiler,
  ready: () => loaded,
  restartable: true,
});
