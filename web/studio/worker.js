// The studio's worker: everything that reads, compiles, runs or compares a pack happens here,
// so typing in the editor never waits for it. One wasm module, loaded only by this page
// (wasm/: crates/studio-wasm, the engine with its TOML reader and the published pack's files).
//
// Messages in, each with an `id`: {type: 'init'} | {type: 'check', files} |
//   {type: 'preview', answers, asOf, lang} | {type: 'export', files, name, version}
// Messages out: {id, answer} or {id, error: { code, message_zh, message_en, problems }}.

import init, { embeddedFiles, Studio } from './wasm/skillcalc_studio.js';

let studio;
const ready = init().then(() => {
  studio = new Studio();
});

const handlers = {
  init: () => ({ files: embeddedFiles() }),
  check: ({ files }) => studio.check(files),
  preview: ({ answers, asOf, lang }) => studio.preview(answers, asOf, lang),
  export: ({ files, name, version }) => studio.exportJson(files, name, version),
};

self.onmessage = async ({ data }) => {
  try {
    await ready;
    self.postMessage({ id: data.id, answer: handlers[data.type](data) });
  } catch (e) {
    const error = e && typeof e === 'object' && 'code' in e
      ? e
      : { code: 'internal', message_zh: String(e), message_en: String(e), problems: [] };
    self.postMessage({ id: data.id, error });
  }
};
