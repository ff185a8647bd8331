import { bodyShapeProblem, MAX_BODY_DEPTH, MAX_BODY_VALUES } from './body-shape.js';

const nestedArrays = (depth: number): unknown => JSON.parse('['.repeat(depth) + ']'.repeat(depth));

describe('bodyShapeProblem', () => {
  it.each([
    ['an ordinary draft', { version: 2, domains: { plan: { grade: 'good' } }, actions: [{ what: 'x' }] }],
    ['a flat array', [1, 2, 3]],
    ['nesting at the limit', nestedArrays(MAX_BODY_DEPTH)],
    ['a key that only contains a member name', { toStringy: 1, my_constructor: 2 }],
  ])('accepts %s', (_what, body) => {
    expect(bodyShapeProblem(body)).toBeNull();
  });

  it('refuses nesting one level past the limit, naming where', () => {
    expect(bodyShapeProblem(nestedArrays(MAX_BODY_DEPTH + 1))).toEqual({
      kind: 'depth',
      field: '[0]'.repeat(MAX_BODY_DEPTH),
      message: `the body is nested more than ${MAX_BODY_DEPTH} levels deep`,
    });
  });

  it('walks 100,000 levels without exhausting the stack', () => {
    expect(bodyShapeProblem(nestedArrays(100_000))?.kind).toBe('depth');
  });

  it('refuses more values than the limit', () => {
    expect(bodyShapeProblem({ list: Array(MAX_BODY_VALUES).fill(0) })?.kind).toBe('size');
  });

  it.each([
    'constructor',
    'toString',
    '__proto__',
    'hasOwnProperty',
    'valueOf',
    'isPrototypeOf',
    '__defineGetter__',
  ])('refuses the key %s wherever it is', (key) => {
    const body = JSON.parse(`{"domains":{"${key}":{"grade":"good"}}}`) as unknown;
    expect(bodyShapeProblem(body)).toMatchObject({ kind: 'key', field: `domains.${key}` });
    expect(bodyShapeProblem(JSON.parse(`[{"${key}":1}]`))).toMatchObject({ field: `[0].${key}` });
  });
});

describe('bodyShapeProblem and control characters', () => {
  it.each<[string, unknown, string]>([
    ['NUL in a field', { name: 'North\u0000' }, 'name'],
    ['a C1 control deep in a definition', { domains: [{ title: 'x\u0085' }] }, 'domains[0].title'],
    ['DEL in an array item', { teams: ['ok', 'bad\u007f'] }, 'teams[1]'],
    ['a bell in a note', { note: 'ding\u0007' }, 'note'],
  ])('refuses %s, naming where', (_what, body, field) => {
    expect(bodyShapeProblem(body)).toEqual({
      kind: 'text',
      field,
      message: 'must not contain a control character',
    });
  });

  it('accepts tabs and line breaks in free text', () => {
    expect(bodyShapeProblem({ note: 'line one\r\nline two\tend' })).toBeNull();
  });

  it('refuses a control character in a key', () => {
    expect(bodyShapeProblem(JSON.parse('{"a":{"b\\u0000":1}}'))).toMatchObject({ kind: 'key', field: 'a' });
  });
});
