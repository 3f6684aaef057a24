// The web build: the same API as index.d.ts, plus loading the wasm (call one of these first).
// (Not importing wasm-bindgen's own web/skillcalc_wasm.d.ts: it needs TypeScript's esnext
// `Symbol.dispose` declarations, which a consumer's lib setting may not have.)

export * from './index.js';

/** Where the .wasm comes from: a URL or response to fetch, its bytes, or a compiled module. */
export type InitInput = RequestInfo | URL | Response | BufferSource | WebAssembly.Module;

/** Fetches and instantiates the wasm (by default from beside web.js). Call once, before anything else. */
export default function init(options?: { module_or_path?: InitInput | Promise<InitInput> }): Promise<void>;

/** Instantiates the wasm from its bytes or a compiled module, synchronously. */
export function initSync(options: { module: BufferSource | WebAssembly.Module }): void;
