// `?embed=` for an item or a whole page: one store call per embed, whatever the page size
// (getMany for a to-one member, listMany for children), never a query per item.
import { badRequest } from '@fielding/problem-errors';
import type { Compiled } from './_compile.js';
import { stateOf, type Embedded, type State } from './_documents.js';
import type { Entry } from './store.js';

/** Most names one `?embed=` may list. */
const MAX_EMBEDS = 16;

/** The embeds a request names (`?embed=assignee,comments`); 400 for one not declared. */
export function embedsOf(compiled: Compiled, url: URL): string[] {
  if (compiled.embeds.size === 0 || url.search === '') return [];
  const names = url.searchParams
    .getAll('embed')
    .flatMap((value) => value.split(','))
    .filter((name) => name !== '');
  const unique = [...new Set(names)];
  const unknown = unique.filter((name) => !compiled.embeds.has(name));
  if (unique.length > MAX_EMBEDS || unknown.length > 0) {
    const allowed = [...compiled.embeds.keys()].join(', ');
    throw badRequest({
      detail: `"embed" takes at most ${MAX_EMBEDS} of: ${allowed}.`,
      errors: unknown.slice(0, 20).map((name) => ({
        parameter: 'embed',
        detail: `"${name}" cannot be embedded; embed one of: ${allowed}.`,
      })),
    });
  }
  return unique;
}

/** A validator string of what was embedded, for the entity-tag. */
export function embeddedStamp(embedded: ReadonlyMap<string, Embedded>): string {
  let stamp = '';
  for (const [id, byName] of embedded) {
    for (const [name, value] of byName) {
      const list = value === undefined ? [] : Array.isArray(value) ? value : [value];
      stamp += `|${id}/${name}:${list.map((state) => String(versions.get(state) ?? '')).join(',')}`;
    }
  }
  return stamp;
}

// The validator of each embedded state, for embeddedStamp (states are plain objects).
const versions = new WeakMap<State, string>();

const toState = (entry: Entry<Record<string, unknown>>): State => {
  const state = stateOf(entry);
  versions.set(state, `${entry.id}.${entry.version}.${entry.modified.getTime()}`);
  return state;
};

/** Loads the named embeds of items, one store call per embed; results by item id. */
export async function loadEmbeds(
  compiled: Compiled,
  names: readonly string[],
  entries: readonly Entry<Record<string, unknown>>[],
): Promise<Map<string, Embedded>> {
  const result = new Map<string, Map<string, State | State[] | undefined>>();
  for (const entry of entries) result.set(entry.id, new Map());
  await Promise.all(
    names.map(async (name) => {
      const embed = compiled.embeds.get(name);
      if (embed === undefined) return;
      if (embed.via !== undefined) {
        const via = embed.via;
        const related = (entry: Entry<Record<string, unknown>>): string | undefined => {
          const value = entry.value[via];
          return typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;
        };
        const ids = entries.flatMap((entry) => related(entry) ?? []);
        const found = ids.length === 0 ? [] : await embed.target.store.getMany(ids);
        const byId = new Map(found.map((entry) => [entry.id, toState(entry)]));
        for (const entry of entries) {
          const id = related(entry);
          result.get(entry.id)?.set(name, id === undefined ? undefined : byId.get(id));
        }
      } else {
        const children = await embed.target.store.listMany(
          entries.map((entry) => entry.id),
          { order: embed.order, limitPerScope: embed.limit },
        );
        for (const entry of entries) {
          result.get(entry.id)?.set(name, (children.get(entry.id) ?? []).map(toState));
        }
      }
    }),
  );
  return result;
}
