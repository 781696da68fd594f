import { describe, expect, it } from 'vitest';
import * as web from './index.js';
import * as node from './index.node.js';
import * as nodeShallow from './shallow-etag.node.js';

describe('entry points', () => {
  it('the node entry exports the same names as the web entry', () => {
    expect(Object.keys(node).sort()).toEqual(Object.keys(web).sort());
  });

  it('the node entry swaps in the etag-based hashing, and only that', () => {
    expect(node.shallowEtag).toBe(nodeShallow.shallowEtag);
    expect(node.hashEntityTag).toBe(nodeShallow.hashEntityTag);
    expect(node.shallowEtag).not.toBe(web.shallowEtag);
    expect(node.evaluatePreconditions).toBe(web.evaluatePreconditions);
  });
});
