import { describe, expect, it } from 'vitest';
import { findMentions } from './mentions.ts';

describe('findMentions', () => {
  it('reads autocomplete links and bare one-word names, not e-mail addresses or code', () => {
    expect(findMentions('Thanks [@Alex Kim](/u/12) and [@佐藤 愛子](/u/3)!')).toEqual({ ids: [12, 3], names: [] });
    expect(findMentions('@sam could you look? cc @みか.')).toEqual({ ids: [], names: ['sam', 'みか'] });
    expect(findMentions('mail me at a@b.com or run `npm @scope/x`')).toEqual({ ids: [], names: [] });
    expect(findMentions('```\n@nobody\n```')).toEqual({ ids: [], names: [] });
  });
});
