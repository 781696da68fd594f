import { describe, expect, it } from 'vitest';
import * as pagination from './index.js';

describe('public entry point', () => {
  it('exports these values and nothing else', () => {
    expect(Object.keys(pagination).sort()).toEqual([
      'PAGE_INDEX_PARAMETERS',
      'PAGE_SIZE_PARAMETERS',
      'UNBOUND_PARAMETERS',
      'createCursorCodec',
      'createCursorPage',
      'createFilterParser',
      'createPage',
      'filterPredicate',
      'halLinks',
      'keyset',
      'pageBody',
      'pageResponse',
      'parseCursorQuery',
      'parseFields',
      'parseOffsetQuery',
      'parsePageQuery',
      'parseSort',
      'project',
      'publicUrl',
      'setPageHeaders',
      'sortValues',
    ]);
  });
});
