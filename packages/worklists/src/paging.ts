/** One page of a list. */
export interface Page<T> {
  readonly items: readonly T[];
  /** Offset of the next page, or null when this is the last. */
  readonly next: number | null;
}

/** Which page: `limit` 1..500 (default 50) from `offset` (default 0). */
export interface PageRequest {
  readonly limit?: number;
  readonly offset?: number;
}

/** A page and a sort order by one of the list's named keys. */
export type SortedPageRequest<K extends string> = PageRequest & {
  readonly sort?: K;
  readonly descending?: boolean;
};

export const MAX_LIMIT = 500;

/** The limit and offset of a request, checked (a RangeError names the one out of range). */
export const bounds = (request: PageRequest): { limit: number; offset: number } => {
  const limit = request.limit ?? 50;
  const offset = request.offset ?? 0;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT)
    throw new RangeError(`limit must be 1..${MAX_LIMIT}`);
  if (!Number.isInteger(offset) || offset < 0) throw new RangeError("offset must be a natural number");
  return { limit, offset };
};

/** Rows fetched with `limit + 1` as a page: the extra row only says that a next page exists. */
export const page = <T>(rows: T[], limit: number, offset: number): Page<T> => ({
  items: rows.slice(0, limit),
  next: rows.length > limit ? offset + limit : null,
});

/** The column a named sort key stands for: only keys of `columns` are accepted, never text from a request. */
export const sortColumn = <K extends string>(columns: Readonly<Record<K, string>>, key: K): string => {
  if (!Object.hasOwn(columns, key)) throw new RangeError(`unknown sort key '${String(key).slice(0, 40)}'`);
  return columns[key];
};
