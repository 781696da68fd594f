// Runtime smoke test: the built package's public API, run by scripts/smoke/run-matrix.mjs on
// Node 20/22/24, Deno and Bun. Plain assertions so it needs nothing but the runtime.
import {
  createHal,
  createLinker,
  expandUriTemplate,
  formatLinkHeader,
  halFormsTemplate,
  halResponse,
  parseLinkHeader,
  readHal,
  UriTemplateError,
} from '../dist/index.js';

const check = (condition, message) => {
  if (!condition) throw new Error(`hal-links smoke: ${message}`);
};

// RFC 6570, including the reserved-expansion fix over plain uri-template.
check(expandUriTemplate('/orders{?id,page}', { id: 7 }) === '/orders?id=7', 'expand query');
check(expandUriTemplate('{+path}', { path: 'a%2Fb' }) === 'a%2Fb', 'pct-triplet in {+}');
let threw = false;
try {
  expandUriTemplate('{var:0}', { var: 'x' });
} catch (error) {
  threw = error instanceof UriTemplateError;
}
check(threw, 'invalid template throws UriTemplateError');

// Builder → halResponse → reader.
const request = new Request('http://10.0.0.1/blogs/7', {
  headers: {
    Accept: 'application/prs.hal-forms+json',
    Forwarded: 'proto=https;host=api.example.com',
  },
});
const links = createLinker(request, { absolute: true, trustProxy: 'forwarded' });
const hal = createHal({ curies: [{ name: 'acme', href: 'https://docs.acme.test/rels/{rel}' }] });
const blog = hal
  .resource({ title: 'Smoke' }, links.href('/blogs/:blogId', { blogId: 7 }))
  .link('posts', links.template('/blogs/:blogId/posts', { blogId: 7 }, '{?page}'))
  .embed('posts', [hal.resource({ id: 1 }, links.href('/posts/:id', { id: 1 }))])
  .template(
    'default',
    halFormsTemplate(
      { type: 'object', required: ['title'], properties: { title: { type: 'string' } } },
      { method: 'PUT' },
    ),
  );
const response = halResponse(blog, { request, linkRels: ['self'] });
check(response.headers.get('Content-Type') === 'application/prs.hal-forms+json', 'negotiated type');
check(
  parseLinkHeader(response.headers.get('Link'))[0]?.href === 'https://api.example.com/blogs/7',
  'link header',
);
const reader = readHal(await response.json());
check(reader.self === 'https://api.example.com/blogs/7', 'self');
check(
  reader.follow('acme:posts', { values: { page: 2 } }) ===
    'https://api.example.com/blogs/7/posts?page=2',
  'follow templated link',
);
check(reader.embedded('acme:posts')[0]?.state.id === 1, 'embedded');
check(reader.templates.default?.properties[0]?.required === true, 'hal-forms template');

// RFC 8288 Link header with RFC 8187 title*.
const header = formatLinkHeader({ href: '/c4', rel: 'next', title: 'nächstes Kapitel' });
check(parseLinkHeader(header)[0]?.title === 'nächstes Kapitel', 'title* round trip');
check(parseLinkHeader('garbage <<<').length === 0, 'garbage');
