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
