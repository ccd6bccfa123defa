import { FrontPages, type FrontListBody } from './pagination';

function pagesOf(bodies: Record<string, FrontListBody<number>>): { list: FrontPages<number>; asked: Array<string | null> } {
  const asked: Array<string | null> = [];
  const list = new FrontPages<number>(async (next) => {
    asked.push(next);
    return bodies[next ?? 'first'];
  });
  return { list, asked };
}

describe('Front pagination', () => {
  it('follows _pagination.next exactly as given, whatever host it names, until null', async () => {
    const { list, asked } = pagesOf({
      first: { _results: [1, 2], _pagination: { next: 'https://acme.api.frontapp.com/x?page_token=b&limit=2' } },
      'https://acme.api.frontapp.com/x?page_token=b&limit=2': { _results: [3], _pagination: { next: 'https://other.example/x?page_token=c' } },
      'https://other.example/x?page_token=c': { _results: [4], _pagination: { next: null } },
    });
    expect(await list.all()).toEqual([1, 2, 3, 4]);
    expect(asked).toEqual([null, 'https://acme.api.frontapp.com/x?page_token=b&limit=2', 'https://other.example/x?page_token=c']);
  });

  it('iterates items and pages lazily', async () => {
    const { list, asked } = pagesOf({
      first: { _results: [1, 2], _pagination: { next: 'p2' } },
      p2: { _results: [3], _pagination: { next: null } },
    });
    for await (const item of list) {
      expect(item).toBe(1);
      break;
    }
    expect(asked).toEqual([null]);
    const pages: number[][] = [];
    for await (const page of list.pages()) pages.push(page);
    expect(pages).toEqual([[1, 2], [3]]);
  });

  it('treats a list without _pagination as a single page, and a missing _results as empty', async () => {
    expect(await pagesOf({ first: { _results: [7] } }).list.all()).toEqual([7]);
    expect(await pagesOf({ first: {} }).list.all()).toEqual([]);
  });

  it('stops when a server hands back a link it already gave', async () => {
    const { list } = pagesOf({
      first: { _results: [1], _pagination: { next: 'p2' } },
      p2: { _results: [2], _pagination: { next: 'p2' } },
    });
    expect(await list.all()).toEqual([1, 2]);
  });
});
