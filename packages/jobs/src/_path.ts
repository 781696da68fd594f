// The monitor and result paths are templates with one `{id}` segment: compiled once into a
// matcher (escaped literal parts, `{id}` matching one path segment) and a builder.

/** Ids are URL-safe tokens: never a `/`, `.` or `%`, so an id cannot leave its path segment. */
export const JOB_ID: RegExp = /^[\w-]{1,128}$/;

export interface PathTemplate {
  /** The decoded id when `pathname` matches and the id is well-formed; `null` when it matches with a bad id. */
  match(pathname: string): string | null | undefined;
  build(id: string): string;
}

const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export function pathTemplate(template: string, option: string): PathTemplate {
  const parts = template.split('{id}');
  if (parts.length !== 2 || !template.startsWith('/')) {
    throw new TypeError(
      `${option} must be a path with exactly one {id}, as '/jobs/{id}', not ${JSON.stringify(template)}.`,
    );
  }
  const [before = '', after = ''] = parts;
  const pattern = new RegExp(`^${escape(before)}([^/]*)${escape(after)}$`);
  return {
    match(pathname) {
      const raw = pattern.exec(pathname)?.[1];
      if (raw === undefined) return undefined;
      // Ids contain no character that needs percent-encoding, so an encoded one is no id.
      return JOB_ID.test(raw) ? raw : null;
    },
    build: (id) => `${before}${id}${after}`,
  };
}
