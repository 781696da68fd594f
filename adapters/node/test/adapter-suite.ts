// The real-HTTP scenario suite is shared by every adapter; it lives once, at the repository root.
export * from '../../../test-utils/adapter-suite.js';
