// TypeDoc 0.28 builds a heading's anchor and its "On this page" entry from the heading's plain
// text only, so every heading written as code (`### \`serve(handler)\``, the API sections of
// every README) got an empty anchor (`id=""`) and a blank entry in the page menu. This plugin
// hands TypeDoc the code spans of headings as text that still renders inside <code>, so the
// anchor and the menu entry carry the code's words.

/** @param {import('typedoc').Application} app */
export function load(app) {
  // Set once the configuration is read: reading it would reset an earlier value.
  app.on('bootstrapEnd', () => app.options.setValue('markdownItLoader', codeHeadings));
}

/** @param {import('markdown-it').default} parser */
function codeHeadings(parser) {
  parser.core.ruler.push('fielding_code_headings', (state) => {
    const tokens = state.tokens;
    for (let i = 0; i < tokens.length - 1; i++) {
      if (tokens[i].type !== 'heading_open') continue;
      for (const child of tokens[i + 1].children ?? []) {
        if (child.type !== 'code_inline') continue;
        child.type = 'text';
        child.meta = { ...child.meta, code: true };
      }
    }
  });
  const text = parser.renderer.rules.text;
  parser.renderer.rules.text = (tokens, idx, options, env, self) => {
    const html = text
      ? text(tokens, idx, options, env, self)
      : parser.utils.escapeHtml(tokens[idx].content);
    return tokens[idx].meta?.code ? `<code>${html}</code>` : html;
  };
}
