import type { ValidationIssue } from '@fielding/problem-errors';
import { badRequest, integerParameter, searchParams, singleValue, toUrl } from './_query.js';

/** How big a page may be, shared by every paging style. */
export interface PageSizeOptions {
  /**
   * Page size when the client names none.
   * @defaultValue 20
   */
  defaultPageSize?: number;
  /**
   * Largest page size a client may ask for.
   * @defaultValue 100
   */
  maxPageSize?: number;
  /**
   * Serve `maxPageSize` when a client asks for more, instead of answering 400.
   * @defaultValue false
   */
  clampPageSize?: boolean;
}

/** Options of {@link parseOffsetQuery}. */
export interface OffsetQueryOptions extends PageSizeOptions {
  /**
   * Largest offset a client may ask for; deep offsets are slow in SQL databases.
   * @defaultValue Number.MAX_SAFE_INTEGER
   */
  maxOffset?: number;
  /**
   * Name of the offset parameter.
   * @defaultValue 'offset'
   */
  offsetParameter?: string;
  /**
   * Name of the page size parameter.
   * @defaultValue 'limit'
   */
  limitParameter?: string;
}

/** Options of {@link parsePageQuery}. */
export interface PageQueryOptions extends PageSizeOptions {
  /**
   * Names of the 1-based page index parameter; the first is written into new links unless the
   * client used another.
   * @defaultValue PAGE_INDEX_PARAMETERS
   */
  pageIndexParameters?: readonly string[];
  /**
   * Names of the page size parameter.
   * @defaultValue PAGE_SIZE_PARAMETERS
   */
  pageSizeParameters?: readonly string[];
}

/** The parameter names a parsed query writes into its links, and the aliases it removes. */
export interface QueryParameterNames {
  /** Name of the position parameter (`offset`, `pageIndex`, `cursor`) as the client spelt it. */
  position: string;
  /** Name of the size parameter (`limit`, `pageSize`) as the client spelt it. */
  size: string;
  /** Every spelling the links replace (all aliases of both). */
  managed: readonly string[];
}

/** A validated `?offset=…&limit=…` query. */
export interface OffsetQuery {
  /** The paging style. */
  style: 'offset';
  /** Number of items to skip, 0 or more. */
  offset: number;
  /** Page size, 1 to `maxPageSize`. */
  limit: number;
  /** Parameter names for the links. */
  parameters: QueryParameterNames;
}

/** A validated `?pageIndex=…&pageSize=…` query (1-based index). */
export interface PageQuery {
  /** The paging style. */
  style: 'page';
  /** 1-based page number. */
  pageIndex: number;
  /** Items skipped before this page: `(pageIndex - 1) * limit`. */
  offset: number;
  /** Page size, 1 to `maxPageSize`. */
  limit: number;
  /** Parameter names for the links. */
  parameters: QueryParameterNames;
}

/** Default page size. */
export const DEFAULT_PAGE_SIZE = 20;
/** Default largest page size. */
export const MAX_PAGE_SIZE = 100;
/** Spellings of the page index parameter accepted by {@link parsePageQuery}. */
export const PAGE_INDEX_PARAMETERS: readonly string[] = ['pageIndex', 'page_index'];
/** Spellings of the page size parameter accepted by {@link parsePageQuery}. */
export const PAGE_SIZE_PARAMETERS: readonly string[] = ['pageSize', 'page_size'];

/** Reads the page size with the shared rules: default, maximum, optional clamp. */
export function readPageSize(
  params: URLSearchParams,
  names: readonly string[],
  options: PageSizeOptions,
  issues: ValidationIssue[],
): number | undefined {
  const max = options.maxPageSize ?? MAX_PAGE_SIZE;
  const raw = singleValue(params, names, issues);
  if (raw === undefined) return Math.min(options.defaultPageSize ?? DEFAULT_PAGE_SIZE, max);
  const size = integerParameter(raw, 1, issues);
  if (size === undefined || size <= max) return size;
  if (options.clampPageSize) return max;
  issues.push({ parameter: raw.name, detail: `"${raw.name}" must be at most ${max}.` });
  return undefined;
}

/**
 * Validates an offset/limit query: whole numbers only, no negatives, the page size within
 * `maxPageSize` (400 above it unless `clampPageSize`), defaults when absent.
 *
 * @param url - the request, its URL, or a URL string
 * @param options - defaults, limits and parameter names
 * @returns the offset and limit to query with
 * @throws HttpError 400 whose `errors` name each bad parameter
 *
 * @example
 * ```ts
 * import { parseOffsetQuery } from '@fielding/pagination';
 *
 * parseOffsetQuery('https://api.test/articles?offset=25&limit=50'); // { offset: 25, limit: 50, … }
 * ```
 */
export function parseOffsetQuery(
  url: URL | string | Request,
  options: OffsetQueryOptions = {},
): OffsetQuery {
  const params = searchParams(toUrl(url));
  const offsetName = options.offsetParameter ?? 'offset';
  const limitName = options.limitParameter ?? 'limit';
  const issues: ValidationIssue[] = [];
  const rawOffset = singleValue(params, [offsetName], issues);
  let offset: number | undefined = 0;
  if (rawOffset !== undefined) {
    offset = integerParameter(rawOffset, 0, issues);
    const maxOffset = options.maxOffset ?? Number.MAX_SAFE_INTEGER;
    if (offset !== undefined && offset > maxOffset) {
      issues.push({
        parameter: offsetName,
        detail: `"${offsetName}" must be at most ${maxOffset}.`,
      });
      offset = undefined;
    }
  }
  const limit = readPageSize(params, [limitName], options, issues);
  if (offset === undefined || limit === undefined || issues.length > 0) throw badRequest(issues);
  return {
    style: 'offset',
    offset,
    limit,
    parameters: { position: offsetName, size: limitName, managed: [offsetName, limitName] },
  };
}

/**
 * Validates a page index/size query. The index is 1-based (`pageIndex=1` is the first page);
 * `page_index` / `page_size` are accepted as aliases.
 *
 * @param url - the request, its URL, or a URL string
 * @param options - defaults, limits and parameter names
 * @returns the page index, size and the matching offset
 * @throws HttpError 400 whose `errors` name each bad parameter
 *
 * @example
 * ```ts
 * import { parsePageQuery } from '@fielding/pagination';
 *
 * parsePageQuery('https://api.test/articles?page_index=4&page_size=25').offset; // 75
 * ```
 */
export function parsePageQuery(
  url: URL | string | Request,
  options: PageQueryOptions = {},
): PageQuery {
  const params = searchParams(toUrl(url));
  const indexNames = options.pageIndexParameters ?? PAGE_INDEX_PARAMETERS;
  const sizeNames = options.pageSizeParameters ?? PAGE_SIZE_PARAMETERS;
  const issues: ValidationIssue[] = [];
  const rawIndex = singleValue(params, indexNames, issues);
  const pageIndex = rawIndex === undefined ? 1 : integerParameter(rawIndex, 1, issues);
  const rawSize = singleValue(params, sizeNames, []);
  const limit = readPageSize(params, sizeNames, options, issues);
  if (pageIndex === undefined || limit === undefined || issues.length > 0) {
    throw badRequest(issues);
  }
  const offset = (pageIndex - 1) * limit;
  if (!Number.isSafeInteger(offset)) {
    throw badRequest([
      { parameter: rawIndex?.name ?? indexNames[0]!, detail: 'The page is too far.' },
    ]);
  }
  return {
    style: 'page',
    pageIndex,
    offset,
    limit,
    parameters: {
      position: rawIndex?.name ?? indexNames[0] ?? 'pageIndex',
      size: rawSize?.name ?? sizeNames[0] ?? 'pageSize',
      managed: [...indexNames, ...sizeNames],
    },
  };
}
