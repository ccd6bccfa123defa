/** The list envelope Front uses: `{_results, _pagination: {next}}` (some lists have no `_pagination`). */
export interface FrontListBody<T> {
  _results?: T[];
  _pagination?: { next?: string | null };
}

/** Fetches one page: the first when `nextUrl` is null, else the `_pagination.next` URL exactly as Front gave it. */
export type FrontPageFetcher<T> = (nextUrl: string | null) => Promise<FrontListBody<T>>;

/**
 * A lazily fetched Front list: iterate it for items (`for await (const m of list)`), call `pages()` for
 * whole pages, or `all()` to collect everything. Each iteration starts again from the first page.
 */
export class FrontPages<T> implements AsyncIterable<T> {
  constructor(private readonly fetchPage: FrontPageFetcher<T>) {}

  /** Pages in order, following `_pagination.next` (whatever host it names) until it is null. */
  async *pages(): AsyncGenerator<T[], void, undefined> {
    const seen = new Set<string>();
    let next: string | null = null;
    do {
      const body: FrontListBody<T> = await this.fetchPage(next);
      yield body._results ?? [];
      next = body._pagination?.next ?? null;
      // A server that hands back a link it already gave us would loop forever.
      if (next !== null && seen.has(next)) return;
      if (next !== null) seen.add(next);
    } while (next !== null);
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<T, void, undefined> {
    for await (const page of this.pages()) yield* page;
  }

  /** Every item of every page. */
  async all(): Promise<T[]> {
    const items: T[] = [];
    for await (const page of this.pages()) items.push(...page);
    return items;
  }
}
