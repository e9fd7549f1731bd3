import { rowsOf } from '@kakera/db';
import type { EventPublisher } from '../events/event-publisher.ts';

/**
 * The publisher an import replays history through: the same calls as live
 * posting, but nothing is recorded or sent — a post from 2011 is not news,
 * and no warning or breach of a past obligation may reach anyone now.
 * (`recordFrom` still runs its statement, without the events.)
 */
export function historyEvents(live: EventPublisher): EventPublisher {
  return {
    record: async () => {},
    recordFrom: async (tx, source) => rowsOf(await tx.execute(source)).length,
    subscribe: (listener) => live.subscribe(listener),
    onRecord: (listener) => live.onRecord(listener),
    replay: (topics, since, limit) => live.replay(topics, since, limit),
    latestId: () => live.latestId(),
    start: () => live.start(),
    stop: () => live.stop(),
  };
}
