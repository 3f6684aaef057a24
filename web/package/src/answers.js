// Writes profiles as decide and batch hand them to the wasm: one string of fields, each ended
// by U+001F, each profile ended by U+001E, beside the numbers they hold and the profiles the
// string cannot hold exactly. The
// layout is described in crates/wasm/src/profile.rs (`Profiles`); that file and this one change
// together. One string crosses the boundary for a fraction of the cost of reading the answers
// one by one, as evaluate() does.

const END = '\x1f';
const ROW = '\x1e';
const CONTROL = /[\x00-\x1f]/;
// Beyond these the wasm's own reading of the object refuses the profile (profile.rs, where
// each is explained).
const MAX_ANSWERS = 10_000;
const MAX_LIST = 1_000;
const MAX_CHARS = 100_000;
export const MAX_ROWS = 100_000;
/** The most characters the profiles of one call may take in this form (README, "Limits"):
 *  every string built stays far below V8's longest (2²⁹ − 24), and the wasm's memory far below
 *  its 4 GB. */
export const MAX_WRITTEN = 32_000_000;

/** What an answer costs of the profile's MAX_CHARS, as profile.rs counts: a text its length,
 *  anything else one. */
const cost = (value) => (typeof value === 'string' ? value.length : 1);

/** A plain object, as profile.rs's is_plain says (a Map's or a class instance's answers would
 *  not be among its keys). */
function plain(object) {
  const prototype = Object.getPrototypeOf(object);
  return prototype === null || Object.getPrototypeOf(prototype) === null;
}

/** A value as a field, or undefined when only the object itself can say it exactly (a text
 *  with a character that would end its field early, say). */
function scalar(value, numbers) {
  switch (typeof value) {
    case 'string':
      return CONTROL.test(value) ? undefined : 's' + value + END;
    case 'number':
      numbers.push(value); // NaN and ±Infinity too: the engine refuses them for their fact
      return 'n' + END;
    case 'boolean':
      return value ? 't' + END : 'f' + END;
    case 'undefined':
      return '-' + END;
    default:
      return value === null ? '-' + END : undefined;
  }
}

/** `profile` in compact form, or undefined when it must go as the object (and nothing is kept):
 *  the wasm then reads it itself, and says what is wrong with it. */
function compact(profile, numbers, places) {
  if (profile === null || typeof profile !== 'object' || Array.isArray(profile) || !plain(profile)) return undefined;
  const keys = Object.keys(profile);
  if (keys.length > MAX_ANSWERS) return undefined;
  let out = 'p' + keys.length + END;
  let left = MAX_CHARS;
  for (const key of keys) {
    const value = profile[key];
    left -= key.length + cost(value);
    if (left < 0) return undefined;
    // A fact of the pack goes by its place (U+0001 and one character: profile.rs), which the
    // wasm reads without looking the id up; anything else by its text, which it names if wrong.
    const place = places?.get(key);
    if (place === undefined) {
      if (CONTROL.test(key)) return undefined;
      out += key + END;
    } else {
      out += '\x01' + place + END;
    }
    let field = scalar(value, numbers);
    if (field === undefined) {
      if (!Array.isArray(value) || value.length > MAX_LIST) return undefined;
      field = 'l' + value.length + END;
      for (let i = 0; i < value.length; i++) {
        const item = value[i];
        left -= cost(item);
        if (left < 0) return undefined;
        const f = scalar(item, numbers);
        if (f === undefined) return undefined;
        field += f;
      }
    }
    out += field;
  }
  return out;
}

/** Profiles in compact form: `{ text, numbers, objects }` for decideEncoded / batchEncoded. */
export class ProfileWriter {
  text = '';
  numbers = [];
  objects = [];

  /** @param {Map<string, string>} [places] the pack's facts by id: their places as characters */
  constructor(places) {
    this.places = places;
  }

  /** Starts a batch: the number of profiles that follow. */
  count(n) {
    this.text += n + ROW;
  }

  /** A batch's element that could not be read (a getter hides it, and throws). */
  thrown() {
    this.text += '!' + END + ROW;
  }

  /** Adds one profile. One that cannot be written exactly (or whose getters throw) goes as the
   *  object, which the wasm reads as evaluate() does, and reports. */
  add(profile) {
    const kept = this.numbers.length;
    let written;
    try {
      written = compact(profile, this.numbers, this.places);
    } catch {
      written = undefined;
    }
    if (written === undefined) {
      this.numbers.length = kept;
      this.objects.push(profile);
      written = 'o' + END;
    }
    this.text += written + ROW;
  }

  /** The numbers as the wasm takes them. */
  floats() {
    return Float64Array.from(this.numbers);
  }
}
