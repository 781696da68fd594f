// RFC 9457 conformance of the router's own error answers: every application/problem+json body it
// emits must fit the Appendix A schema, carry the response status, and use about:blank with the
// status phrase as title (§4.2.1). The schema is read from the shared conformance folder.
import { describe, expect, it } from 'vitest';
import { createRouter } from '../../src/index.js';
import { readConformance } from '../../../../test-utils/conformance.js';

interface PropertySchema {
  type: 'string' | 'integer';
  minimum?: number;
  maximum?: number;
}
const schema = readConformance<{ type: string; properties: Record<string, PropertySchema> }>(
  'problem-details',
  'rfc9457-appendix-a.schema.json',
);

// The Appendix A schema only constrains member types and the status range; checking those by
// hand keeps core free of a JSON Schema validator.
function schemaViolations(problem: Record<string, unknown>): string[] {
  const violations: string[] = [];
  for (const [name, rule] of Object.entries(schema.properties)) {
    if (!(name in problem)) continue;
    const value = problem[name];
    if (rule.type === 'string' && typeof value !== 'string')
      violations.push(`${name} not a string`);
    if (rule.type === 'integer') {
      if (!Number.isInteger(value)) violations.push(`${name} not an integer`);
      else if (
        (value as number) < (rule.minimum ?? -Infinity) ||
        (value as number) > (rule.maximum ?? Infinity)
      ) {
        violations.push(`${name} out of range`);
      }
    }
  }
  return violations;
}

const router = createRouter()
  .get('/blogs/:blogId', () => new Response('blog'))
  .route('QUERY', '/search', () => new Response('found'));

describe('RFC 9457 problem details from the router', () => {
  it('reads the Appendix A schema it checks against', () => {
    expect(schema.type).toBe('object');
    expect(Object.keys(schema.properties).sort()).toEqual([
      'detail',
      'instance',
      'status',
      'title',
      'type',
    ]);
  });

  it.each([
    ['GET', '/nothing', 404, 'Not Found'],
    ['DELETE', '/blogs/7', 405, 'Method Not Allowed'],
    ['PROPFIND', '/blogs/7', 501, 'Not Implemented'],
    ['GET', '/blogs/%E0%A4%A', 400, 'Bad Request'],
  ])(
    '§3 and §4.2.1: %s %s answers %i %s as application/problem+json',
    async (method, path, status, title) => {
      const response = await router.fetch(new Request(`http://api.test${path}`, { method }));
      expect(response.status).toBe(status);
      expect(response.headers.get('Content-Type')).toBe('application/problem+json');
      const problem = (await response.json()) as Record<string, unknown>;
      expect(schemaViolations(problem)).toEqual([]);
      expect(problem).toMatchObject({ type: 'about:blank', title, status });
      expect(typeof problem.detail).toBe('string');
    },
  );
});
