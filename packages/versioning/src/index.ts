/**
 * API versions and their lifecycle: {@link versioned} serves each request with the handler of
 * the version it names (URL segment, query parameter, media type or header), and
 * {@link lifecycle} marks a version deprecated (`Deprecation`, `Sunset`, successor links) and
 * retires it with 410 Gone after its sunset.
 *
 * @module @fielding/versioning
 */
export { normalizeVersion } from './version-label.js';
export {
  requestedVersion,
  type RequestedVersion,
  type VersionStrategy,
} from './requested-version.js';
export { versioned, type VersionedOptions } from './versioned.js';
export {
  formatDeprecation,
  formatSunset,
  parseDeprecation,
  parseSunset,
} from './lifecycle-fields.js';
export { lifecycle, type LifecycleOptions, type LinkTarget } from './lifecycle.js';
