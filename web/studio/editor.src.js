// The studio's editor: CodeMirror 6 with TOML highlighting (the legacy TOML mode through
// StreamLanguage), the pack's problems as lint diagnostics at their line and column, and the
// zip reader/writer (fflate). scripts/build-app.sh bundles this file with esbuild into one
// module, target/site/studio/editor.js, which studio.js imports once the page is up.
//
// The editor lives in a shadow root: CodeMirror's styles then go into a constructable
// stylesheet (adoptedStyleSheets), which the site's CSP (style-src 'self' + a hash) allows,
// where the <style> element it would add to a document is refused.

import {
  EditorView, keymap, lineNumbers, highlightActiveLineGutter, highlightSpecialChars, drawSelection,
  highlightActiveLine,
} from '@codemirror/view';
import { EditorState, Compartment } from '@codemirror/state';
import { StreamLanguage, syntaxHighlighting, defaultHighlightStyle, bracketMatching, indentOnInput } from '@codemirror/language';
import { defaultKeymap, history, historyKeymap } from '@codemirror/commands';
import { searchKeymap, highlightSelectionMatches } from '@codemirror/search';
import { toml } from '@codemirror/legacy-modes/mode/toml';
import { lintGutter, lintKeymap, setDiagnostics } from '@codemirror/lint';
import { unzipSync, zipSync, strToU8, strFromU8 } from 'fflate';

const theme = EditorView.theme({
  '&': { height: '100%', fontSize: '14px', backgroundColor: '#fff' },
  '.cm-scroller': { fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, "Noto Sans Mono CJK SC", monospace' },
  '&.cm-focused': { outline: '2px solid #1558d6', outlineOffset: '-2px' },
  '.cm-gutters': { backgroundColor: '#f6f7f9', color: '#555' },
});

/** Mounts an editor in `host` (its shadow root). `label`: the accessible name of the text. */
export function createEditor({ host, label, onChange }) {
  const root = host.shadowRoot ?? host.attachShadow({ mode: 'open' });
  const labelling = new Compartment();
  // tabindex: the text is a tab stop (as it is anyway, being editable) that checkers also see as one.
  const attributes = (text) => EditorView.contentAttributes.of({ 'aria-label': text, tabindex: '0' });
  const extensions = [
    // CodeMirror's basicSetup less what a TOML file does not need (autocompletion, folding,
    // closing brackets): 30 KB less. Tab is not captured: it moves the focus on, as on any page
    // (Esc then Tab also leaves an editor that captures it).
    lineNumbers(),
    highlightActiveLineGutter(),
    highlightSpecialChars(),
    history(),
    drawSelection(),
    indentOnInput(),
    syntaxHighlighting(defaultHighlightStyle, { fallback: true }),
    bracketMatching(),
    highlightActiveLine(),
    highlightSelectionMatches(),
    keymap.of([...defaultKeymap, ...searchKeymap, ...historyKeymap, ...lintKeymap]),
    StreamLanguage.define(toml),
    lintGutter(),
    theme,
    labelling.of(attributes(label)),
    EditorView.updateListener.of((u) => {
      if (u.docChanged) onChange(u.state.doc.toString());
    }),
  ];
  const view = new EditorView({ root, parent: root, state: EditorState.create({ doc: '', extensions }) });
  return {
    view,
    /** Shows another file (its own history: undo does not cross files). */
    open(text, name) {
      view.setState(EditorState.create({ doc: text, extensions }));
      view.dispatch({ effects: labelling.reconfigure(attributes(name)) });
    },
    text: () => view.state.doc.toString(),
    /** problems: [{ line, column, message, severity }] (1-based line and column). */
    problems(list) {
      const doc = view.state.doc;
      const diagnostics = list.map((p) => {
        const line = doc.line(Math.min(Math.max(p.line ?? 1, 1), doc.lines));
        const from = Math.min(line.from + Math.max((p.column ?? 1) - 1, 0), line.to);
        const word = /^[^\s=,\]}]*/.exec(doc.sliceString(from, line.to))[0].length;
        return { from, to: Math.min(from + Math.max(word, 1), line.to), severity: p.severity ?? 'error', message: p.message };
      });
      view.dispatch(setDiagnostics(view.state, diagnostics));
    },
    /** Puts the cursor at a 1-based line and column, scrolled into view, and focuses. */
    goto(lineNo, column) {
      const doc = view.state.doc;
      const line = doc.line(Math.min(Math.max(lineNo, 1), doc.lines));
      const at = Math.min(line.from + Math.max(column - 1, 0), line.to);
      view.dispatch({ selection: { anchor: at }, effects: EditorView.scrollIntoView(at, { y: 'center' }) });
      view.focus();
    },
    focus: () => view.focus(),
  };
}

/** The TOML files of a zip: [{ path, text }], paths relative to the folder holding facts.toml. */
export function readZip(bytes) {
  const entries = unzipSync(bytes);
  const names = Object.keys(entries).filter((n) => !n.endsWith('/') && !n.startsWith('__MACOSX/'));
  const facts = names.filter((n) => n === 'facts.toml' || n.endsWith('/facts.toml')).sort((a, b) => a.length - b.length)[0];
  const prefix = facts ? facts.slice(0, -'facts.toml'.length) : '';
  return names
    .filter((n) => n.startsWith(prefix) && n.endsWith('.toml'))
    .map((n) => ({ path: n.slice(prefix.length), text: strFromU8(entries[n]) }));
}

/** A zip of the files under one folder named `folder`. */
export function writeZip(files, folder) {
  const tree = {};
  for (const f of files) tree[`${folder}/${f.path}`] = strToU8(f.text);
  return zipSync(tree, { level: 6, mtime: new Date('2026-01-01T00:00:00') });
}
