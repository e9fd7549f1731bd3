import type { EventPayload, EventType } from '@kakera/contracts';
import type { DbOrTx, EventBus, PublishedEvent as StoredEvent } from '@kakera/db';

/**
 * What use cases publish through: the events of packages/contracts, typed.
 * The implementation (the `events` table, NOTIFY, LISTEN) is packages/db's
 * `createEventBus`; anything with this shape will do.
 */
export type PublishedEvent = Omit<StoredEvent, 'type'> & { type: EventType };
export type EventListener = (event: PublishedEvent) => void;

export interface EventPublisher extends Omit<EventBus, 'record' | 'subscribe' | 'replay'> {
  /**
   * Records an event inside the caller's transaction; it is delivered only if
   * that transaction commits. `userId`: only that user may receive it;
   * `staffOnly`: only staff may (packages/core/src/live decides, live and on replay).
   * Several topics: one event on each, in one statement.
   */
  record<T extends EventType>(
    tx: DbOrTx,
    type: T,
    topic: string | readonly string[],
    data: EventPayload<T>,
    opts?: { userId?: number | null; staffOnly?: boolean },
  ): Promise<void>;
  subscribe(listener: EventListener): () => void;
  replay(topics: string[], since: number, limit: number): Promise<{ events: PublishedEvent[]; complete: boolean }>;
}

/**
 * The bus, as the domain sees it. Only use cases record events, through
 * `record`'s typed signature, so every stored `type` is an EventType.
 */
export const asEventPublisher = (bus: EventBus): EventPublisher => bus as unknown as EventPublisher;
