/** Options of {@link toHtml}. */
export interface HtmlOptions {
  /** The page title and heading. Default: `Resource`. */
  title?: string;
}

/** Nesting deeper than this is shown as escaped JSON text rather than nested markup (private). */
export const MAX_HTML_DEPTH = 16;

const STYLE =
  'body{font:15px/1.5 system-ui,sans-serif;margin:2rem;color:#222}' +
  'table{border-collapse:collapse}th,td{border:1px solid #ccc;padding:.25rem .5rem;text-align:left;vertical-align:top}' +
  'dl{margin:0}dt{font-weight:600}dd{margin:0 0 .5rem 1rem}code{color:#555}';

/**
 * Escapes text for HTML element content and quoted attribute values.
 *
 * @param text - any text
 * @returns the text with `&`, `<`, `>`, `"` and `'` escaped
 *
 * @example
 * ```ts
 * import { escapeHtml } from '@fielding/content-negotiation';
 *
 * escapeHtml('<b>"hi"</b>'); // '&lt;b&gt;&quot;hi&quot;&lt;/b&gt;'
 * ```
 */
export function escapeHtml(text: string): string {
  let result = '';
  let last = 0;
  for (let index = 0; index < text.length; index++) {
    let entity: string;
    switch (text.charCodeAt(index)) {
      case 0x26:
        entity = '&amp;';
        break;
      case 0x3c:
        entity = '&lt;';
        break;
      case 0x3e:
        entity = '&gt;';
        break;
      case 0x22:
        entity = '&quot;';
        break;
      case 0x27:
        entity = '&#39;';
        break;
      default:
        continue;
    }
    result += text.slice(last, index) + entity;
    last = index + 1;
  }
  return last === 0 ? text : result + text.slice(last);
}

/**
 * Renders any JSON-like value as a small, readable HTML page for people browsing an API:
 * records as definition lists, arrays of records as tables, `href`s of `http(s)` or relative
 * URLs (as in HAL `_links`) as links. Everything is escaped; other URL schemes
 * (`javascript:`) stay text.
 *
 * @param value - the value to show
 * @param options - the page title
 * @returns a complete HTML document
 *
 * @example
 * ```ts
 * import { toHtml } from '@fielding/content-negotiation';
 *
 * const page = toHtml({ title: 'Hello', _links: { self: { href: '/articles/7' } } }, { title: 'Article 7' });
 * ```
 */
export function toHtml(value: unknown, options: HtmlOptions = {}): string {
  const title = escapeHtml(options.title ?? 'Resource');
  return (
    `<!doctype html>\n<html><head><meta charset="utf-8">` +
    `<meta name="viewport" content="width=device-width,initial-scale=1">` +
    `<title>${title}</title><style>${STYLE}</style></head>\n` +
    `<body><h1>${title}</h1>\n${render(value, 0, undefined)}\n</body></html>\n`
  );
}

function isSafeHref(href: string): boolean {
  const lower = href.trimStart().toLowerCase();
  return (
    lower.startsWith('https://') ||
    lower.startsWith('http://') ||
    (lower.startsWith('/') && !lower.startsWith('//')) ||
    lower.startsWith('./') ||
    lower.startsWith('../') ||
    lower.startsWith('?') ||
    lower.startsWith('#')
  );
}

function render(value: unknown, depth: number, key: string | undefined): string {
  if (value === null || value === undefined) return '<code>null</code>';
  if (typeof value === 'string') {
    const text = escapeHtml(value);
    return key === 'href' && isSafeHref(value) ? `<a href="${text}">${text}</a>` : text;
  }
  if (typeof value !== 'object') return `<code>${escapeHtml(String(value))}</code>`;
  if (value instanceof Date) return escapeHtml(value.toISOString());
  if (depth >= MAX_HTML_DEPTH) return `<code>${escapeHtml(safeJson(value))}</code>`;
  if (Array.isArray(value)) {
    if (value.length === 0) return '<p><em>(empty list)</em></p>';
    const columns = tableColumns(value);
    if (columns !== undefined) {
      const head = columns.map((name) => `<th>${escapeHtml(name)}</th>`).join('');
      const rows = value
        .map(
          (row: Record<string, unknown>) =>
            `<tr>${columns.map((name) => `<td>${render(ownValue(row, name), depth + 1, name)}</td>`).join('')}</tr>`,
        )
        .join('\n');
      return `<table><thead><tr>${head}</tr></thead><tbody>\n${rows}\n</tbody></table>`;
    }
    return `<ol>${value.map((item) => `<li>${render(item, depth + 1, undefined)}</li>`).join('')}</ol>`;
  }
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length === 0) return '<p><em>(empty)</em></p>';
  return `<dl>${entries
    .map(([name, item]) => `<dt>${escapeHtml(name)}</dt><dd>${render(item, depth + 1, name)}</dd>`)
    .join('')}</dl>`;
}

// A row's own value: a column another row has (`constructor`, `toString`) must not read
// Object.prototype from a row that lacks it.
function ownValue(row: Record<string, unknown>, name: string): unknown {
  return Object.hasOwn(row, name) ? row[name] : undefined;
}

// Columns when every item is a record of primitives; undefined otherwise.
function tableColumns(items: readonly unknown[]): string[] | undefined {
  const seen = new Set<string>();
  for (const item of items) {
    if (typeof item !== 'object' || item === null || Array.isArray(item)) return undefined;
    for (const [name, cell] of Object.entries(item)) {
      if (typeof cell === 'object' && cell !== null && !(cell instanceof Date)) return undefined;
      seen.add(name);
    }
  }
  return [...seen];
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? '';
  } catch {
    return '…';
  }
}
