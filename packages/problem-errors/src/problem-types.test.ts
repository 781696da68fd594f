import { describe, expect, expectTypeOf, it } from 'vitest';
import { createAjv2020 } from '../test/_ajv.js';
import { HttpError } from './http-error.js';
import { problemFromError } from './problem.js';
import { createProblemTypeRegistry, defineProblemType, type SchemaValue } from './problem-types.js';

const outOfCredit = defineProblemType({
  type: 'https://example.com/probs/out-of-credit',
  title: 'You do not have enough credit.',
  status: 403,
  description: 'The account balance does not cover the cost of the request.',
  members: {
    balance: { type: 'number' },
    accounts: { type: 'array', items: { type: 'string', format: 'uri-reference' } },
  },
});
const blogLocked = defineProblemType({
  type: '/problems/blog-locked',
  title: 'The blog is locked.',
  status: 423,
});

describe('defineProblemType (rfc 9457 §4)', () => {
  it('creates typed errors of its type, title and status', () => {
    const error = outOfCredit.create({
      detail: 'Your current balance is 30, but that costs 50.',
      instance: '/account/12345/msgs/abc',
      extensions: { balance: 30, accounts: ['/account/12345', '/account/67890'] },
      headers: { 'x-a': '1' },
    });
    expect(error).toBeInstanceOf(HttpError);
    expect(error.status).toBe(403);
    expect(error.type).toBe('https://example.com/probs/out-of-credit');
    expect(error.title).toBe('You do not have enough credit.');
    expect(error.headers.get('x-a')).toBe('1');
    expect(outOfCredit.is(error)).toBe(true);
    expect(blogLocked.is(error)).toBe(false);
    expect(outOfCredit.is(new Error('x'))).toBe(false);
    expect(blogLocked.create({}).status).toBe(423);
    expect(blogLocked.description).toBeUndefined();
  });

  it('infers extension member types from the member schemas', () => {
    expectTypeOf(outOfCredit.create).parameter(0).toHaveProperty('extensions').toEqualTypeOf<{
      balance: number;
      accounts: string[];
    }>();
    const error: unknown = outOfCredit.create({ extensions: { balance: 1, accounts: [] } });
    if (outOfCredit.is(error)) expectTypeOf(error.extensions.balance).toEqualTypeOf<number>();
    // @ts-expect-error balance must be a number
    outOfCredit.create({ extensions: { balance: 'x', accounts: [] } });
    // @ts-expect-error members are required
    outOfCredit.create({});
    expectTypeOf<SchemaValue<{ const: 'a' }>>().toEqualTypeOf<'a'>();
    expectTypeOf<SchemaValue<{ enum: readonly ['a', 'b'] }>>().toEqualTypeOf<'a' | 'b'>();
    expectTypeOf<SchemaValue<{ type: 'integer' }>>().toEqualTypeOf<number>();
    expectTypeOf<SchemaValue<{ type: 'boolean' }>>().toEqualTypeOf<boolean>();
    expectTypeOf<SchemaValue<{ type: 'null' }>>().toEqualTypeOf<null>();
    expectTypeOf<SchemaValue<{ type: 'array' }>>().toEqualTypeOf<unknown[]>();
    expectTypeOf<
      SchemaValue<{ type: 'object'; properties: { a: { type: 'string' } } }>
    >().toEqualTypeOf<{
      a?: string;
    }>();
    expectTypeOf<SchemaValue<{ type: 'object' }>>().toEqualTypeOf<Record<string, unknown>>();
    expectTypeOf<SchemaValue<{ minimum: 1 }>>().toEqualTypeOf<unknown>();
  });

  it('emits a json schema that the bodies of its errors validate against', async () => {
    const ajv = createAjv2020();
    const validate = ajv.compile(outOfCredit.schema());
    const response = problemFromError(
      outOfCredit.create({
        detail: 'Costs 50.',
        extensions: { balance: 30, accounts: ['/account/1'] },
      }),
      { instance: '/account/1/msgs/abc', extensions: { traceId: 't' } },
    );
    expect(validate(await response.json())).toBe(true);
    expect(validate({ type: outOfCredit.type, title: 'x', status: 403, balance: 30 })).toBe(false);
    expect(
      validate({ type: outOfCredit.type, title: 'x', status: 404, balance: 30, accounts: [] }),
    ).toBe(false);
    expect(validate({ type: '/other', title: 'x', status: 403, balance: 30, accounts: [] })).toBe(
      false,
    );
    expect(outOfCredit.schema()).toMatchObject({
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      title: 'You do not have enough credit.',
      description: 'The account balance does not cover the cost of the request.',
      required: ['type', 'title', 'status', 'balance', 'accounts'],
    });
    expect('description' in blogLocked.schema()).toBe(false);
  });

  it.each([
    [{ type: 'not a uri', title: 't', status: 400 }, TypeError],
    [{ type: '/p', title: 't', status: 200 }, RangeError],
  ])('refuses %j', (definition, kind) => {
    expect(() => defineProblemType(definition)).toThrow(kind);
  });
});

describe('createProblemTypeRegistry', () => {
  const registry = createProblemTypeRegistry([outOfCredit, blogLocked]);

  it('finds types by uri and lists them in order', () => {
    expect(registry.get('/problems/blog-locked')).toBe(blogLocked);
    expect(registry.get('/nope')).toBeUndefined();
    expect(registry.types).toEqual([outOfCredit, blogLocked]);
  });

  it('emits every schema keyed by type uri, each valid for its own errors', async () => {
    const schemas = registry.schemas();
    expect(Object.keys(schemas)).toEqual([outOfCredit.type, blogLocked.type]);
    const validate = createAjv2020().compile(schemas[blogLocked.type]!);
    expect(validate(await problemFromError(blogLocked.create({})).json())).toBe(true);
  });

  it('refuses a type registered twice', () => {
    expect(() => createProblemTypeRegistry([blogLocked, blogLocked])).toThrow(TypeError);
  });
});
