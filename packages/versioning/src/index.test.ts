import { describe, expect, it } from 'vitest';
import * as versioning from './index.js';

describe('@fielding/versioning', () => {
  it('exports exactly its public runtime API', () => {
    expect(Object.keys(versioning).sort()).toEqual([
      'formatDeprecation',
      'formatSunset',
      'lifecycle',
      'normalizeVersion',
      'parseDeprecation',
      'parseSunset',
      'requestedVersion',
      'versioned',
    ]);
  });
});
