import { describe, expect, it } from 'vitest';
import * as core from './index.js';

describe('@fielding/core', () => {
  it('exports exactly its public runtime API', () => {
    expect(Object.keys(core).sort()).toEqual([
      'BODY_SOURCE',
      'HTTP_METHODS',
      'MAX_LIST_MEMBERS',
      'MAX_PARAMETERS',
      'appendVary',
      'bodySource',
      'buildPath',
      'compose',
      'createRouter',
      'formatEntityTag',
      'isToken',
      'mergeVary',
      'parseEntityTag',
      'parseEntityTagList',
      'parseList',
      'parseParameterizedList',
      'parseQuotedString',
      'parseWeightedList',
      'quoteString',
      'requestInstance',
      'requestOrigin',
    ]);
  });

  it('documents its caps as numbers', () => {
    expect(core.MAX_LIST_MEMBERS).toBe(1000);
    expect(core.MAX_PARAMETERS).toBe(32);
  });
});
