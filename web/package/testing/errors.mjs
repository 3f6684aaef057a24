// Test support: the SkillcalcError a call throws.

import assert from 'node:assert/strict';
import { load } from './install.mjs';

const { SkillcalcError } = await load('skillcalc');

/** The SkillcalcError `f` throws (assert.throws does not return it). */
export function thrown(f) {
  try {
    f();
  } catch (e) {
    assert.ok(e instanceof SkillcalcError, `a SkillcalcError, not ${e}`);
    return e;
  }
  assert.fail('should throw');
}
