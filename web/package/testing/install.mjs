// Test support, kept out of test/ (where node --test would run it as a test file).
// Installs the packed tarball (scripts/build-package.sh writes it to target/npm/) into a
// temporary project, offline, once per tarball: every test imports the package from there, as
// a user would, never from the sources.

import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const PACKAGE_DIR = join(ROOT, 'web', 'package');

/** The tarball `npm pack` made. */
export function tarball() {
  const dir = join(ROOT, 'target', 'npm');
  const found = existsSync(dir) ? readdirSync(dir).filter((f) => /^skillcalc-.*\.tgz$/.test(f)) : [];
  if (found.length !== 1) throw new Error(`expected one skillcalc-*.tgz in ${dir}: run scripts/build-package.sh`);
  return join(dir, found[0]);
}

/**
 * Installs the tarball into `dir` (a fresh project with its own empty npm cache, so nothing
 * can come from the network or a warm cache) and returns `dir`.
 */
export function installInto(dir, extra = {}) {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module', ...extra }));
  execFileSync(
    'npm',
    ['install', '--offline', '--no-audit', '--no-fund', '--no-package-lock', '--cache', join(dir, '.npm-cache'), tarball()],
    { cwd: dir, stdio: 'pipe' },
  );
  return dir;
}

/**
 * A project with the package installed, shared by the tests of one run (keyed by the
 * tarball's hash; made in a side directory and renamed, so parallel test files never see half
 * an install).
 */
export function installed() {
  const hash = createHash('sha256').update(readFileSync(tarball())).digest('hex').slice(0, 16);
  const dir = join(tmpdir(), `skillcalc-installed-${hash}`);
  if (!existsSync(join(dir, 'node_modules', 'skillcalc', 'package.json'))) {
    const side = `${dir}.${process.pid}`;
    rmSync(side, { recursive: true, force: true });
    installInto(side);
    try {
      renameSync(side, dir);
    } catch {
      rmSync(side, { recursive: true, force: true }); // another test file won the race
    }
  }
  return dir;
}

/** Imports the installed package (`skillcalc` or a subpath such as `skillcalc/web`). */
export async function load(specifier = 'skillcalc') {
  const dir = installed();
  const script = join(dir, 'import.mjs');
  if (!existsSync(script)) writeFileSync(script, 'export default (s) => import(s);\n');
  // Imported from inside the consumer project, so Node resolves through its node_modules and
  // the package's exports map, exactly as for a user.
  const { default: importer } = await import(script);
  return importer(specifier);
}

/** The demo pack of the wasm tests: a small pack with known amounts. */
export function demoPack() {
  return JSON.parse(readFileSync(join(ROOT, 'crates', 'wasm', 'tests', 'demo-pack.json'), 'utf8'));
}

/**
 * Whether the catalogue the examples use is embedded (SKILLCALC_PACK_DIR can embed another
 * pack, e.g. the engine's demo pack while the catalogue is being edited).
 */
export function examplesApply({ policies }) {
  return policies().some((p) => p.provisions.includes('putuo.competition_award'));
}
