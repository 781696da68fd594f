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

const listOf = (value: State | State[] | undefined): readonly State[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];

/** A validator string of what was embedded, for the entity-tag. */
export function embeddedStamp(embedded: ReadonlyMap<string, Embedded>): string {
  let stamp = '';
  for (const [id, byName] of embedded) {
    for (const [name, value] of byName) {
      const list = listOf(value).map((state) => {
        const validator = validators.get(state);
        return validator === undefined
          ? ''
          : `${validator.id}.${validator.version}.${validator.modified.getTime()}`;
      });
      stamp += `|${id}/${name}:${list.join(',')}`;
    }
  }
  return stamp;
}

/**
 * The latest modification time of an item and what it embedded: the `Last-Modified` of the
 * document, so `If-Modified-Since` sees a change to an embedded item too.
 */
export function latestModified(since: Date, embedded: Embedded | undefined): Date {
  let latest = since;
  for (const value of embedded?.values() ?? []) {
    for (const state of listOf(value)) {
      const modified = validators.get(state)?.modified;
      if (modified !== undefined && modified > latest) latest = modified;
    }
  }
  return latest;
}

// The validators of each embedded state (states are plain objects), for the tag and date.
const validators = new WeakMap<State, Entry<unknown>>();

const toState = (entry: Entry<Record<string, unknown>>): State => {
  const state = stateOf(entry);
  validators.set(state, entry);
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
