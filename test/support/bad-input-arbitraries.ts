import fc from 'fast-check';

/** One hostile request: a raw body (or an object to send as JSON), headers, a path and query. */
export interface Attack {
  kind: string;
  path?: string;
  query?: string;
  contentType?: string;
  body?: string | Record<string, unknown>;
}

/** What a route takes: its path, a valid body, and which of its fields are dates, ids, text, maps. */
export interface RouteShape {
  path: string;
  base: Record<string, unknown>;
  dates: string[];
  numbers: string[];
  texts: string[];
  maps: string[];
}

const PROTOTYPE_NAMES = [...Object.getOwnPropertyNames(Object.prototype), '__proto__'];

/** `depth` nested arrays or objects, built as text: JSON.stringify would recurse too. */
const nested = fc
  .record({ depth: fc.integer({ min: 11, max: 20_000 }), objects: fc.boolean() })
  .map(({ depth, objects }) =>
    objects ? '{"a":'.repeat(depth) + '1' + '}'.repeat(depth) : '['.repeat(depth) + ']'.repeat(depth),
  );

const dateLike = fc.oneof(
  fc
    .record({
      year: fc.integer({ min: 0, max: 99_999 }),
      month: fc.integer({ min: -1, max: 14 }),
      day: fc.integer({ min: -1, max: 33 }),
    })
    .map(({ year, month, day }) =>
      `${String(year).padStart(4, '0')}-${month}-${day}`.replace(/-(\d)(?=-|$)/g, '-0$1'),
    ),
  fc
    .record({ year: fc.integer({ min: 0, max: 9999 }), month: fc.integer({ min: 0, max: 13 }) })
    .map(({ year, month }) => `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}`),
  fc.constantFrom(
    '9999-12',
    '0000-01',
    '9999-12-31',
    '0000-00-00',
    '2026-02-29',
    '2024-02-30',
    '2026-12-31T23:59:59Z',
    '2026-12-01T00:00:00+14:00',
    '+275760-09-13',
    '2026-W01',
    '2026-366',
  ),
  fc.string({ maxLength: 20 }),
);

const oddNumber = fc.oneof(
  fc.double(),
  fc.integer(),
  fc.constantFrom(0, -1, 2_147_483_648, 2 ** 53 + 1, 1e300, -0, 0.5, Number.MAX_SAFE_INTEGER),
  fc.constantFrom('1', '0x10', '1e3', '016', ' 5', 'NaN', 'Infinity'),
);

const blankText = fc
  .array(fc.constantFrom(' ', '\t', '\n', '\r', '\u00a0', '\u200b', '\u2060', '\ufeff', '\u3000'), {
    minLength: 0,
    maxLength: 600,
  })
  .map((chars) => chars.join(''));

const oddPathId = fc.oneof(
  fc.constantFrom('0x10', '1e3', '016', '+5', '1.0', '-1', '0', '9007199254740993', '2147483648', '１'),
  fc.string({ minLength: 1, maxLength: 30 }).map(encodeURIComponent),
);

const query = fc.oneof(
  fc.constantFrom('?page[a]=1', '?month[]=x', '?a=1&a=2', '?__proto__=1', '?constructor[x]=1', '?page[0]=1'),
  fc
    .dictionary(fc.string({ maxLength: 8 }), fc.string({ maxLength: 8 }))
    .map((params) => `?${new URLSearchParams(params).toString()}`),
  fc.string({ maxLength: 40 }).map((text) => `?${encodeURI(text)}`),
);

/** Every class of bad input, aimed at one route's body, path and query. */
export function attacks(route: RouteShape): fc.Arbitrary<Attack> {
  const pick = (fields: string[]) => fc.constantFrom(...(fields.length ? fields : ['unknown']));
  const withField = (kind: string, field: fc.Arbitrary<string>, value: fc.Arbitrary<unknown>) =>
    fc
      .record({ field, value })
      .map(({ field, value }) => ({ kind, body: { ...route.base, [field]: value } }));
  const raw = (kind: string, body: fc.Arbitrary<string>, contentType = 'application/json') =>
    body.map((text) => ({ kind, body: text, contentType }));
  return fc.oneof(
    raw('nested body', nested),
    raw(
      'nested field',
      nested.map((deep) => `{"${Object.keys(route.base)[0]}":${deep}}`),
    ),
    raw('malformed JSON', fc.string({ maxLength: 200 })),
    fc.record({
      kind: fc.constant('content type'),
      contentType: fc.constantFrom(
        'text/plain',
        'application/xml',
        'application/x-www-form-urlencoded',
        'application/json; charset=latin1',
        'multipart/form-data; boundary=x',
        'application/octet-stream',
      ),
      body: fc.string({ minLength: 1, maxLength: 200 }),
    }),
    fc.constant<Attack>({
      kind: 'huge body',
      body: `{"x":"${'a'.repeat(1_100_000)}"}`,
      contentType: 'application/json',
    }),
    query.map((q) => ({ kind: 'query', query: q, body: route.base })),
    withField('calendar edge', pick(route.dates), dateLike),
    withField('odd number', pick(route.numbers), oddNumber),
    oddPathId.map((id) => ({
      kind: 'odd path id',
      path: route.path.replace(/\/\d+(?=\/|$)/, `/${id}`),
      body: route.base,
    })),
    withField(
      'prototype key',
      pick(route.maps),
      fc.constantFrom(...PROTOTYPE_NAMES).map((key) => JSON.parse(`{"${key}":"good"}`) as unknown),
    ),
    fc.constantFrom(...PROTOTYPE_NAMES).map((key) => ({
      kind: 'prototype key at the top',
      body: JSON.stringify({ ...route.base }).replace(/^\{/, `{"${key}":{"x":1},`),
      contentType: 'application/json',
    })),
    withField('blank text', pick(route.texts), blankText),
    withField(
      'long text',
      pick(route.texts),
      fc.constantFrom(200, 501, 5001, 100_000).map((n) => 'x'.repeat(n)),
    ),
    withField(
      'type confusion',
      fc.constantFrom(...Object.keys(route.base), ...route.maps),
      fc.jsonValue({ maxDepth: 4 }),
    ),
  );
}
