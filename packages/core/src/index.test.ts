import { describe, expect, it } from 'vitest';
import * as core from './index.js';

describe('@fielding/core', () => {
  it('exports exactly its public runtime API', () => {
    expect(Object.keys(core).sort()).toEqual([
      'BODY_SOURCE',
      'HTTP_METHODS',
      'MAX_LIST_MEMBERS',
      'MAX_PARAMETERS',
      'StoreContractError',
      'UnstorableValueError',
      'accepted',
      'appendVary',
      'bodySource',
      'bufferAtMost',
      'buildPath',
      'compose',
      'contractCheck',
      'contractSame',
      'createRouter',
      'created',
      'editableResponse',
      'formatEntityTag',
      'formatRetryAfter',
      'isToken',
      'mergeVary',
      'movedPermanently',
      'movedPermanentlyKeepingMethod',
      'movedTemporarily',
      'movedTemporarilyKeepingMethod',
      'noContent',
      'parseEntityTag',
      'parseEntityTagList',
      'parseList',
      'parseParameterizedList',
      'parsePreferences',
      'parseQuotedString',
      'parseWeightedList',
      'proxyValue',
      'quoteString',
      'readAtMost',
      'requestInstance',
      'requestOrigin',
      'seeOther',
    ]);
  });

  it('documents its caps as numbers', () => {
    expect(core.MAX_LIST_MEMBERS).toBe(1000);
    expect(core.MAX_PARAMETERS).toBe(32);
  });
});
