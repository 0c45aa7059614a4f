import fc from 'fast-check';

// Hostile values every input surface must survive: what a careless client, a broken export or an
// attacker sends. Each is small to generate; the sizes that matter (100k-char strings, 200-deep nesting)
// come from a few fixed shapes rather than from random growth, so a run stays fast.

const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((unit) => String.fromCharCode(unit));
const control = fc.integer({ min: 0, max: 31 }).map((code) => String.fromCharCode(code));

/** Strings that break naive parsers: NUL, control characters, lone surrogates, RTL marks, huge. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: fc.oneof(loneSurrogate, control, fc.constantFrom('\u0000', '\u202e', '\ufeff', '\u200b', '"', "'", '\\', '%', '_', ';', '--', '/*')), maxLength: 20 }),
  fc.constantFrom(
    '',
    ' ',
    '\u0000',
    'a\u0000b',
    '\ud800',
    '\udfff lone',
    'NaN',
    'Infinity',
    '-Infinity',
    '1e308',
    '-0',
    '0x1F',
    'null',
    'undefined',
    'true',
    '[object Object]',
    '__proto__',
    'constructor',
    "Robert'); DROP TABLE leads;--",
    '%s%s%n',
    '../../etc/passwd',
    '0001-01-01',
    '9999-12-31T23:59:59Z',
    '+275760-09-13T00:00:00.000Z',
    '-271821-04-20T00:00:00.000Z',
    '2026-02-30',
    '2026-13-01T25:61:61Z',
    'tomorrow at 25:00',
    'next blue moon',
    'Привет, мир',
    '营销预算',
    'مرحبا',
    '🙂🙂🙂',
  ),
  fc.constantFrom('x', 'é', '\u0000', '🙂').map((unit) => unit.repeat(100_000)),
);

/** Numbers at the edges: float limits, negative zero, unsafe integers, and numbers-as-strings. */
export const hostileNumber: fc.Arbitrary<number | string> = fc.oneof(
  fc.constantFrom(0, -0, 1, -1, 1e308, -1e308, Number.MAX_SAFE_INTEGER + 2, -Number.MAX_SAFE_INTEGER - 2, 5e-324, 0.1 + 0.2, 2 ** 31, -(2 ** 31)),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.integer(),
  fc.constantFrom('NaN', 'Infinity', '-0', '1e308', '12abc', ''),
);

/** Dates far past and future, impossible ones and non-dates, as ISO-ish strings. */
export const hostileDate: fc.Arbitrary<string> = fc.oneof(
  fc.date({ min: new Date(-8_640_000_000_000_000), max: new Date(8_640_000_000_000_000), noInvalidDate: true }).map((d) => d.toISOString()),
  fc.constantFrom('0000-00-00', '1900-01-01', '2038-01-19T03:14:08Z', '2026-02-29', '9999-99-99', 'yesterday', ''),
);

/** JSON nested `depth` levels deep, as arrays or objects. */
export function deeplyNested(depth: number, kind: 'array' | 'object'): unknown {
  let value: unknown = 'bottom';
  for (let level = 0; level < depth; level++) value = kind === 'array' ? [value] : { a: value };
  return value;
}

export const deepJson: fc.Arbitrary<unknown> = fc.tuple(fc.integer({ min: 50, max: 400 }), fc.constantFrom('array' as const, 'object' as const)).map(([depth, kind]) => deeplyNested(depth, kind));

/** Any JSON-ish value: the shapes above plus arbitrary small JSON. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: hostileString },
  { weight: 2, arbitrary: hostileNumber },
  { weight: 1, arbitrary: hostileDate },
  { weight: 1, arbitrary: fc.constantFrom(null, true, false, [], {}, [null], { '': null }) },
  { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  { weight: 1, arbitrary: deepJson },
);

/** Random bytes read as (often invalid) UTF-8, the way a body or file arrives off the wire. */
export const invalidUtf8: fc.Arbitrary<string> = fc
  .uint8Array({ maxLength: 400 })
  .map((bytes) => Buffer.from(bytes).toString('utf8'));
