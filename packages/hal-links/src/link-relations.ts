// IANA "Link Relation Types" registry (https://www.iana.org/assignments/link-relations/), the
// registered names a HAL builder leaves un-prefixed when curies are configured (RFC 8288 §2.1.1).

/**
 * The registered IANA link relation types, by camelCase name.
 *
 * @example
 * ```ts
 * LinkRelation.self; // 'self'
 * LinkRelation.editForm; // 'edit-form'
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc8288#section-2.1.1
 */
export const LinkRelation = {
  /** Refers to a resource that is the subject of the link's context (RFC 6903). */
  about: 'about',
  /** An access control resource for the link context (Solid WAC). */
  acl: 'acl',
  /** A substitute for this context (HTML). */
  alternate: 'alternate',
  /** Alternative content that uses the AMP profile of HTML. */
  amphtml: 'amphtml',
  /** An API catalog for the context (RFC 9727). */
  apiCatalog: 'api-catalog',
  /** An appendix (HTML 4.01). */
  appendix: 'appendix',
  /** An icon for the context (Web Applications). */
  appleTouchIcon: 'apple-touch-icon',
  /** A launch screen for the context (Web Applications). */
  appleTouchStartupImage: 'apple-touch-startup-image',
  /** A collection of records of historical interest (HTML). */
  archives: 'archives',
  /** The context's author (HTML). */
  author: 'author',
  /** The entity that blocks access following a legal demand (RFC 7725). */
  blockedBy: 'blocked-by',
  /** A permanent link for bookmarking (HTML). */
  bookmark: 'bookmark',
  /** A C2PA manifest for the context. */
  c2paManifest: 'c2pa-manifest',
  /** The preferred version of a resource (RFC 6596). */
  canonical: 'canonical',
  /** A chapter in a collection of resources (HTML 4.01). */
  chapter: 'chapter',
  /** The preferred target for permanent citation (RFC 8574). */
  citeAs: 'cite-as',
  /** The collection resource for the context (RFC 6573). */
  collection: 'collection',
  /** A compression dictionary for future requests (RFC 9842). */
  compressionDictionary: 'compression-dictionary',
  /** A table of contents (HTML 4.01). */
  contents: 'contents',
  /** The document this one was converted from (RFC 7991). */
  convertedfrom: 'convertedfrom',
  /** A copyright statement for the context (HTML 4.01). */
  copyright: 'copyright',
  /** A form for creating a resource (RFC 6861). */
  createForm: 'create-form',
  /** The most recent items in a collection (RFC 5005). */
  current: 'current',
  /** Information about the deprecation of the context (RFC 9745). */
  deprecation: 'deprecation',
  /** A resource providing information about the context (POWDER). */
  describedby: 'describedby',
  /** The resource this one describes (RFC 6892). */
  describes: 'describes',
  /** A list of patent disclosures (RFC 6579). */
  disclosure: 'disclosure',
  /** An origin whose name should be resolved early (Resource Hints). */
  dnsPrefetch: 'dns-prefetch',
  /** A byte-for-byte identical resource (RFC 6249). */
  duplicate: 'duplicate',
  /** A resource that can be used to edit the context (RFC 5023). */
  edit: 'edit',
  /** A form for editing the context (RFC 6861). */
  editForm: 'edit-form',
  /** A resource for editing the context's media (RFC 5023). */
  editMedia: 'edit-media',
  /** A potentially large related resource (RFC 4287). */
  enclosure: 'enclosure',
  /** A resource not on the same site (HTML). */
  external: 'external',
  /** The first resource in a series (RFC 8288). */
  first: 'first',
  /** A geolocation feed (RFC 9632). */
  geofeed: 'geofeed',
  /** A glossary of terms (HTML 4.01). */
  glossary: 'glossary',
  /** Context-sensitive help (HTML). */
  help: 'help',
  /** A resource hosted by the server of the context (RFC 6690). */
  hosts: 'hosts',
  /** A hub for update notifications (WebSub). */
  hub: 'hub',
  /** An ICE server for WebRTC (WHIP). */
  iceServer: 'ice-server',
  /** An icon for the context (HTML). */
  icon: 'icon',
  /** An index (HTML 4.01). */
  index: 'index',
  /** A time interval that ends before this one begins (OWL-Time). */
  intervalafter: 'intervalafter',
  /** A time interval that begins after this one ends (OWL-Time). */
  intervalbefore: 'intervalbefore',
  /** A time interval contained in this one (OWL-Time). */
  intervalcontains: 'intervalcontains',
  /** A time interval disjoint from this one (OWL-Time). */
  intervaldisjoint: 'intervaldisjoint',
  /** A time interval that contains this one (OWL-Time). */
  intervalduring: 'intervalduring',
  /** A time interval equal to this one (OWL-Time). */
  intervalequals: 'intervalequals',
  /** A time interval that finishes this one (OWL-Time). */
  intervalfinishedby: 'intervalfinishedby',
  /** A time interval finished by this one (OWL-Time). */
  intervalfinishes: 'intervalfinishes',
  /** A time interval this one lies in (OWL-Time). */
  intervalin: 'intervalin',
  /** A time interval that begins where this one ends (OWL-Time). */
  intervalmeets: 'intervalmeets',
  /** A time interval that ends where this one begins (OWL-Time). */
  intervalmetby: 'intervalmetby',
  /** A time interval overlapped by this one (OWL-Time). */
  intervaloverlappedby: 'intervaloverlappedby',
  /** A time interval that overlaps this one (OWL-Time). */
  intervaloverlaps: 'intervaloverlaps',
  /** A time interval started by this one (OWL-Time). */
  intervalstartedby: 'intervalstartedby',
  /** A time interval that starts this one (OWL-Time). */
  intervalstarts: 'intervalstarts',
  /** A member of the collection the context represents (RFC 6573). */
  item: 'item',
  /** The last resource in a series (RFC 8288). */
  last: 'last',
  /** The latest version of the context (RFC 5829). */
  latestVersion: 'latest-version',
  /** A license for the context (RFC 4946). */
  license: 'license',
  /** A set of links the context participates in (RFC 9264). */
  linkset: 'linkset',
  /** A Link-based Resource Descriptor Document (RFC 6415). */
  lrdd: 'lrdd',
  /** A web app manifest (Web App Manifest). */
  manifest: 'manifest',
  /** A mask for the context's icon. */
  maskIcon: 'mask-icon',
  /** Another resource about the same person (HTML). */
  me: 'me',
  /** A feed of media recommendations (Media Feeds). */
  mediaFeed: 'media-feed',
  /** A Memento: a fixed prior state of a resource (RFC 7089). */
  memento: 'memento',
  /** The context's Micropub endpoint (Micropub). */
  micropub: 'micropub',
  /** A module to fetch early (HTML). */
  modulepreload: 'modulepreload',
  /** A resource to monitor changes of the context (RFC 5989). */
  monitor: 'monitor',
  /** A resource to monitor changes of a group (RFC 5989). */
  monitorGroup: 'monitor-group',
  /** The next resource in a series (HTML, RFC 8288). */
  next: 'next',
  /** The immediately following archive (RFC 5005). */
  nextArchive: 'next-archive',
  /** The author does not endorse the target (HTML). */
  nofollow: 'nofollow',
  /** Following the link opens no auxiliary browsing context (HTML). */
  noopener: 'noopener',
  /** Following the link leaks no referrer (HTML). */
  noreferrer: 'noreferrer',
  /** Following the link opens an auxiliary browsing context (HTML). */
  opener: 'opener',
  /** An OpenID 2.0 local identifier. */
  openid2LocalId: 'openid2.local_id',
  /** An OpenID 2.0 provider. */
  openid2Provider: 'openid2.provider',
  /** An Original Resource (RFC 7089). */
  original: 'original',
  /** A P3P privacy policy. */
  p3pv1: 'P3Pv1',
  /** A payment for the context. */
  payment: 'payment',
  /** The pingback endpoint (Pingback). */
  pingback: 'pingback',
  /** An origin to connect to early (Resource Hints). */
  preconnect: 'preconnect',
  /** The previous version in a version history (RFC 5829). */
  predecessorVersion: 'predecessor-version',
  /** A resource likely needed by the next navigation (Resource Hints). */
  prefetch: 'prefetch',
  /** A resource needed by the current navigation (Preload). */
  preload: 'preload',
  /** A resource to render early (Resource Hints). */
  prerender: 'prerender',
  /** The previous resource in a series (HTML, RFC 8288). */
  prev: 'prev',
  /** A preview of the context (RFC 6903). */
  preview: 'preview',
  /** The previous resource in a series; synonym of prev (HTML 4.01). */
  previous: 'previous',
  /** The immediately preceding archive (RFC 5005). */
  prevArchive: 'prev-archive',
  /** The privacy policy for the context (RFC 6903). */
  privacyPolicy: 'privacy-policy',
  /** A profile the context conforms to (RFC 6906). */
  profile: 'profile',
  /** A publication manifest (Publication Manifest). */
  publication: 'publication',
  /** A related resource (RFC 4287). */
  related: 'related',
  /** The RESTCONF API root (RFC 8040). */
  restconf: 'restconf',
  /** A reply to the context (RFC 4685). */
  replies: 'replies',
  /** A resource that provides input to a rule (OCF). */
  ruleinput: 'ruleinput',
  /** A resource for searching the context (OpenSearch). */
  search: 'search',
  /** A section in a collection of resources (HTML 4.01). */
  section: 'section',
  /** The context itself (RFC 4287). */
  self: 'self',
  /** A service for the context (RFC 5023). */
  service: 'service',
  /** A machine-readable description of the service (RFC 8631). */
  serviceDesc: 'service-desc',
  /** Human-readable documentation of the service (RFC 8631). */
  serviceDoc: 'service-doc',
  /** Metadata about the service (RFC 8631). */
  serviceMeta: 'service-meta',
  /** SIP trunking capabilities (RFC 9409). */
  sipTrunkingCapability: 'sip-trunking-capability',
  /** A paid or sponsored link (HTML). */
  sponsored: 'sponsored',
  /** The first resource in a series; synonym of first (HTML 4.01). */
  start: 'start',
  /** The status of the context (RFC 8631). */
  status: 'status',
  /** A stylesheet (HTML). */
  stylesheet: 'stylesheet',
  /** A subsection in a collection (HTML 4.01). */
  subsection: 'subsection',
  /** The next version in a version history (RFC 5829). */
  successorVersion: 'successor-version',
  /** The time the context is expected to go away (RFC 8594). */
  sunset: 'sunset',
  /** A tag that applies to the context (HTML). */
  tag: 'tag',
  /** The terms of service for the context (RFC 6903). */
  termsOfService: 'terms-of-service',
  /** A TimeGate for an Original Resource (RFC 7089). */
  timegate: 'timegate',
  /** A TimeMap for an Original Resource (RFC 7089). */
  timemap: 'timemap',
  /** A semantic type the context is an instance of (RFC 6903). */
  type: 'type',
  /** User-generated content (HTML). */
  ugc: 'ugc',
  /** A parent document in a hierarchy (RFC 8288). */
  up: 'up',
  /** The version history of the context (RFC 5829). */
  versionHistory: 'version-history',
  /** The source of the context's information (RFC 4287). */
  via: 'via',
  /** The Webmention endpoint (Webmention). */
  webmention: 'webmention',
  /** A working copy of the context (RFC 5829). */
  workingCopy: 'working-copy',
  /** The versioned resource this is a working copy of (RFC 5829). */
  workingCopyOf: 'working-copy-of',
} as const;

const REGISTERED: ReadonlySet<string> = new Set(
  Object.values(LinkRelation).map((name) => name.toLowerCase()),
);

/**
 * Tells whether `rel` is a registered IANA link relation type (case-insensitive, RFC 8288 §2.1.1).
 *
 * @param rel - a relation type name
 * @returns `true` for names in the IANA registry
 * @example
 * ```ts
 * isIanaLinkRelation('next'); // true
 * isIanaLinkRelation('acme:widgets'); // false
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc8288#section-2.1.1
 */
export function isIanaLinkRelation(rel: string): boolean {
  return REGISTERED.has(rel) || REGISTERED.has(rel.toLowerCase());
}
