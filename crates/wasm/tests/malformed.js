// Malformed inputs: one corpus for the wasm tests (crates/wasm/src/tests.rs, run in Node and in
// headless Chromium) and for the npm package's tests (web/package/test/malformed.test.mjs).
//
// Each case is { name, value, code }: `code` is the error code the call must fail with, or
// null when succeeding is also right (e.g. an empty string is "unknown"). Whatever a case
// gives, the next ordinary call must still work: nothing may panic, trap or leak.
//
// Cases are built fresh on each call (some are mutable, some cyclic), from the pack's facts,
// so the corpus fits whichever pack is embedded.

/** A value nested `depth` levels deep, built without recursion. */
function nested(depth, wrap) {
  let v = 'x';
  for (let i = 0; i < depth; i++) v = wrap(v);
  return v;
}

function cyclicObject() {
  const o = { a: 1 };
  o.self = o;
  return o;
}

function cyclicArray() {
  const a = [];
  a.push(a);
  return a;
}

function throwingGetter(key) {
  return Object.defineProperty({}, key, {
    enumerable: true,
    get() {
      throw new Error('getter says no');
    },
  });
}

function throwingProxy() {
  return new Proxy(
    {},
    {
      ownKeys() {
        throw new Error('trap says no');
      },
    },
  );
}

function revokedProxy() {
  const { proxy, revoke } = Proxy.revocable({}, {});
  revoke();
  return proxy;
}

/** Profiles (the first argument of evaluate). `facts` is facts() of the pack under test. */
export function malformedProfiles(facts) {
  const first = (type) => facts.find((f) => f.type === type);
  const cases = [];
  const add = (name, value, code = 'invalid_profile') => cases.push({ name, value, code });

  // Not an object of answers at all.
  add('undefined', undefined);
  add('null', null);
  add('a string where the object belongs', '{"a":1}');
  add('a number', 42);
  add('NaN', NaN);
  add('a bigint', 10n);
  add('true', true);
  add('an array', [1, 2, 3]);
  add('a function', () => 1);
  add('a symbol', Symbol('profile'));
  add('a huge array', new Array(1_000_000).fill(0));
  add('a throwing Proxy', throwingProxy());
  add('a revoked Proxy', revokedProxy());

  // Objects with wrong keys or shapes.
  add('an unknown fact', { 'no.such.fact': true });
  add('a __proto__ key', JSON.parse('{"__proto__": {"x": 1}}'), null);
  add('20000 unknown keys', Object.fromEntries(Array.from({ length: 20000 }, (_, i) => [`k${i}`, i])));
  // Not plain objects: their answers would be read in part or not at all (a Map's are not
  // among its keys), so they are refused rather than read as the empty profile.
  const known = facts[0]?.id ?? 'x';
  add('a Date', new Date(0));
  add('a Map', new Map([[known, null]]));
  add('a class instance', Object.assign(new (class Answers {})(), { [known]: null }));
  add('an object with answers in its prototype', Object.create({ [known]: null }));

  for (const fact of facts.slice(0, 3)) {
    const id = fact.id;
    add(`${id}: an object where an answer belongs`, { [id]: { value: 1 } });
    add(`${id}: a deeply nested list`, { [id]: nested(100_000, (v) => [v]) });
    add(`${id}: a deeply nested object`, { [id]: nested(100_000, (v) => ({ v })) });
    add(`${id}: a cyclic object`, { [id]: cyclicObject() });
    add(`${id}: a cyclic list`, { [id]: cyclicArray() });
    add(`${id}: a function`, { [id]: () => 1 });
    add(`${id}: a symbol`, { [id]: Symbol('x') });
    add(`${id}: a throwing getter`, throwingGetter(id));
    add(`${id}: null means unknown`, { [id]: null }, null);
    add(`${id}: undefined means unknown`, { [id]: undefined }, null);
    add(`${id}: empty text means unknown`, { [id]: '' }, null);
  }

  const money = first('money');
  if (money) {
    for (const [name, v] of [
      ['NaN', NaN],
      ['Infinity', Infinity],
      ['-Infinity', -Infinity],
      ['1e308', 1e308],
      ['-1e308', -1e308],
      ['a negative amount', -5],
      ['text 1e400', '1e400'],
      ['three decimals', '0.001'],
      ['a float that is not exact', 0.1 + 0.2],
      ['a huge bigint', 123456789012345678901234567890n],
      ['text that is no number', 'lots'],
      ['a list', ['1', '2']],
    ]) {
      add(`${money.id} (money): ${name}`, { [money.id]: v });
    }
  }
  const int = first('int');
  if (int) {
    for (const [name, v] of [
      ['a negative count', -3],
      ['a fraction', 1.5],
      ['NaN', NaN],
      ['Infinity', Infinity],
      ['1e308', 1e308],
      ['Number.MAX_SAFE_INTEGER + 2', Number.MAX_SAFE_INTEGER + 2],
      ['a hundred digits', '9'.repeat(100)],
      ['a bigint beyond i64', 2n ** 70n],
      ['a negative bigint', -(2n ** 70n)],
      ['true', true],
    ]) {
      add(`${int.id} (int): ${name}`, { [int.id]: v });
    }
  }
  const date = first('date');
  if (date) {
    for (const v of ['2023-02-29', '2024-13-01', '2024-00-10', '2024-04-31', '0000-01-01', '99999-01-01', 'yesterday', '2024-6-1']) {
      add(`${date.id} (date): ${v}`, { [date.id]: v });
    }
    add(`${date.id} (date): a number`, { [date.id]: 20240101 });
    add(`${date.id} (date): a Date object`, { [date.id]: new Date(0) });
  }
  const one = first('enum');
  if (one) {
    add(`${one.id} (enum): no such option`, { [one.id]: 'no-such-option' });
    add(`${one.id} (enum): a number`, { [one.id]: 5 });
    add(`${one.id} (enum): a list`, { [one.id]: [one.values[0]?.id] });
  }
  const set = first('enum_set');
  if (set) {
    const option = set.values[0]?.id ?? 'x';
    add(`${set.id} (enum_set): a million items`, { [set.id]: new Array(1_000_000).fill(option) });
    add(`${set.id} (enum_set): nested lists`, { [set.id]: [[option]] });
    add(`${set.id} (enum_set): no such option`, { [set.id]: ['no-such-option'] });
    add(`${set.id} (enum_set): numbers`, { [set.id]: [1, 2] });
    add(`${set.id} (enum_set): a sparse list`, { [set.id]: [, , option] }); // eslint-disable-line no-sparse-arrays
  }
  const bool = first('bool');
  if (bool) {
    add(`${bool.id} (bool): maybe`, { [bool.id]: 'maybe' });
    add(`${bool.id} (bool): 2`, { [bool.id]: 2 });
  }
  const text = first('text');
  if (text) {
    add(`${text.id} (text): a megabyte`, { [text.id]: 'x'.repeat(1_000_000) });
    add(`${text.id} (text): a list`, { [text.id]: ['a'] });
  }
  return cases;
}

/** Options (the second argument of evaluate, evaluateBatch, facts and policies). */
export function malformedOptions() {
  const cases = [];
  const add = (name, value, code = 'invalid_option') => cases.push({ name, value, code });
  add('a number', 7);
  add('an array', ['2024-06-01']);
  add('a function', () => 1);
  add('a symbol', Symbol('o'));
  add('an unknown option', { asof: '2024-06-01' });
  add('an unknown option beside good ones', { asOf: '2024-06-01', language: 'en' });
  add('asOf: an impossible date', { asOf: '2023-02-29' });
  add('asOf: month 13', { asOf: '2024-13-01' });
  add('asOf: a number', { asOf: 20240601 });
  add('asOf: a Date object', { asOf: new Date(0) });
  add('asOf: a megabyte of text', { asOf: '2'.repeat(1_000_000) });
  add('asOf: NaN', { asOf: NaN });
  add('lang: fr', { lang: 'fr' });
  add('lang: a number', { lang: 1 });
  add('lang: an object', { lang: { zh: true } });
  add('a language string that is no language', 'klingon');
  add('pack: not from loadPack', { pack: { name: 'fake', version: '1' } });
  add('pack: a string', { pack: 'shanghai-skills' });
  add('a throwing getter', throwingGetter('asOf'));
  add('a throwing Proxy', throwingProxy());
  add('null means defaults', null, null);
  add('undefined means defaults', undefined, null);
  add('an empty object means defaults', {}, null);
  add('null asOf means today', { asOf: null }, null);
  return cases;
}

/** Custom packs (the argument of loadPack). `good` is a valid pack to derive broken ones from. */
export function malformedPacks(good) {
  const cases = [];
  const add = (name, value, code = 'invalid_pack') => cases.push({ name, value, code });
  const copy = () => structuredClone(good);
  const edit = (name, change) => {
    const p = copy();
    change(p);
    add(name, p);
  };
  add('undefined', undefined);
  add('null', null);
  add('a string where the object belongs', JSON.stringify(good));
  add('a number', 1e308);
  add('an array', [good]);
  add('a function', () => good);
  add('an unknown top-level key', { ...copy(), extra: 1 });
  add('facts is a string', { ...copy(), facts: 'person.prize_level' });
  add('facts is an object', { ...copy(), facts: { id: 'a' } });
  edit('a misspelt field in a fact', (p) => (p.facts[0].lable = p.facts[0].label));
  edit('a fact without an id', (p) => delete p.facts[0].id);
  edit('a fact type that does not exist', (p) => (p.facts[0].type = 'colour'));
  edit('a misspelt field in a provision', (p) => (p.policies[0].provision[0].ammount = {}));
  edit('a provision id that is a number', (p) => (p.policies[0].provision[0].id = 7));
  edit('an amount of NaN', (p) => (p.policies[0].provision[0].amount = { fixed: NaN }));
  edit('an amount of Infinity', (p) => (p.policies[0].provision[0].amount = { fixed: Infinity }));
  edit('an amount of 1e308', (p) => (p.policies[0].provision[0].amount = { fixed: 1e308 }));
  edit('a cap of -1', (p) => (p.policies[0].provision[0].amount = { fixed: '100', cap: -1 }));
  edit('a policy that starts on 2023-02-29', (p) => (p.policies[0].policy.from = '2023-02-29'));
  edit('a condition on an unknown fact', (p) => (p.policies[0].provision[0].when = { fact: 'nope', is: true }));
  edit('conditions nested 10000 deep', (p) => {
    p.policies[0].provision[0].when = nested(10_000, (c) => ({ not: c }));
  });
  edit('conditions nested 10000 deep in lists', (p) => {
    p.policies[0].provision[0].when = nested(10_000, (c) => ({ all: [c] }));
  });
  edit('a cyclic condition', (p) => {
    const c = { all: [] };
    c.all.push(c);
    p.policies[0].provision[0].when = c;
  });
  edit('a million facts', (p) => {
    p.facts = new Array(1_100_000).fill(0).map((_, i) => ({ id: `f${i}` }));
  });
  edit('a 10 MB label', (p) => (p.facts[0].label = { zh: 'x'.repeat(10_000_000), en: 'x' }));
  edit('a throwing getter', (p) => Object.defineProperty(p.facts[0], 'label', { enumerable: true, get() { throw new Error('no'); } }));
  add('a throwing Proxy', throwingProxy());
  add('a revoked Proxy', revokedProxy());
  return cases;
}
