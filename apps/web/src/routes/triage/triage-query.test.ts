import { describe, expect, it } from 'vitest';
import { apiQuery, filterQuery, readFilters } from './triage-query';

const read = (search: string) => readFilters(new URLSearchParams(search));

describe('the triage page’s filters', () => {
  it('shows what needs triage by default, and every issue for status=all', () => {
    expect(apiQuery(read(''), null)).toMatchObject({ status: 'needs_triage', sort: 'votes', limit: 50 });
    expect(apiQuery(read('status=all'), null).status).toBeUndefined();
    expect(apiQuery(read('status=planned&sort=severity&assignee=none'), null)).toMatchObject({
      status: 'planned',
      sort: 'severity',
      assignee: 'none',
    });
  });

  it('drops values the API would refuse instead of failing the page', () => {
    const f = read('status=bogus&type=idea&severity=S9&sort=random&assignee=-3');
    expect(f).toMatchObject({ status: 'needs_triage', type: '', severity: '', sort: 'votes', assignee: '' });
    expect(apiQuery(f, 'x'.repeat(500)).cursor).toBeUndefined();
    expect(apiQuery(f, 'abc').cursor).toBe('abc');
  });

  it('leaves the defaults out of the page’s own links', () => {
    expect(filterQuery(read(''))).toEqual(Object.fromEntries(Object.keys(filterQuery(read(''))).map((k) => [k, undefined])));
    expect(filterQuery(read('status=all&label=battery'), { cursor: 'c1' })).toMatchObject({
      status: 'all',
      label: 'battery',
      cursor: 'c1',
    });
  });
});
