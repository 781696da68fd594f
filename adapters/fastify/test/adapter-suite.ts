// The real-HTTP scenario suite is shared by every adapter (whatwg-node runs one suite on every
// server); it lives once, at the repository root.
export * from '../../../test-utils/adapter-suite.js';
