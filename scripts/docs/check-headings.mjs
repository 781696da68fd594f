// Fails when a page of the built docs site has a heading without an anchor or a blank entry in
// its "On this page" menu (issue 21: headings written as code rendered as blanks until
// scripts/docs/typedoc-code-headings.mjs). Run after `pnpm run docs`.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const site = new URL('../../docs/site/', import.meta.url).pathname;

function* pages(folder) {
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) yield* pages(path);
    else if (entry.name.endsWith('.html')) yield path;
  }
}

const BLANK_ANCHOR = /<h[1-6] id=""/g;
const BLANK_ENTRY = /<a href="#-?\d*"><span>\s*<\/span><\/a>/g;

let checked = 0;
const faults = [];
for (const page of pages(site)) {
  checked++;
  const html = readFileSync(page, 'utf8');
  const blanks = (html.match(BLANK_ANCHOR)?.length ?? 0) + (html.match(BLANK_ENTRY)?.length ?? 0);
  if (blanks > 0)
    faults.push(`${relative(site, page)}: ${blanks} blank heading anchors or menu entries`);
}
if (checked === 0) {
  console.error(`No pages under ${site}: run \`pnpm run docs\` first.`);
  process.exit(1);
}
if (faults.length > 0) {
  console.error(faults.join('\n'));
  process.exit(1);
}
console.log(`Headings: ${checked} pages, every heading has an anchor and a menu entry.`);
