import { EventEmitter, on } from 'node:events';
import pg from 'pg';
import type { Logger } from './logger';

/** The PostgreSQL channel Waypoint's triggers announce changes on (migration Migration20261207100200_live). */
export const LIVE_CHANNEL = 'waypoint_live';

/** What a trigger announced: a topic and what changed; `resync` when this process may have missed some. */
export interface LiveMessage {
  topic: string;
  resync?: boolean;
  [key: string]: unknown;
}

export interface LiveHub {
  /** Every message on `topic` from now on, until the iterator is returned (a subscription ends). */
  subscribe(topic: string, signal?: AbortSignal): AsyncIterableIterator<LiveMessage>;
  /** Whether the listening connection is up. */
  listening(): boolean;
  /** Subscriptions open in this process. */
  subscribers(): number;
  close(): Promise<void>;
}

/**
 * Live updates across replicas. Writes announce themselves inside their transaction (triggers call pg_notify, so an
 * announcement is sent only when the change commits); every API process LISTENs on one connection of its own and
 * hands each message to the subscriptions open in it. If that connection drops (a database restart), the process
 * listens again and tells every topic to resync, so clients refetch what they might have missed. Written here
 * because it is twenty lines over pg's LISTEN; the GraphQL side is graphql-ws.
 */
export async function startLiveHub(deps: { connectionString: string; log: Logger; retryMs?: number }): Promise<LiveHub> {
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0);
  let client: pg.Client | null = null;
  let closed = false;
  let up = false;
  let timer: NodeJS.Timeout | undefined;
  // events.on() also listens for 'error' on the emitter; that is not a topic.
  const topics = () => emitter.eventNames().filter((n): n is string => typeof n === 'string' && n !== 'error');

  const connect = async (first: boolean): Promise<void> => {
    const c = new pg.Client({ connectionString: deps.connectionString });
    const lost = (err?: Error) => {
      if (client !== c) return;
      client = null;
      up = false;
      c.removeAllListeners();
      c.end().catch(() => undefined);
      if (closed) return;
      deps.log.warn({ err: err?.message }, 'live updates: lost the database connection; listening again shortly');
      timer = setTimeout(() => void connect(false), deps.retryMs ?? 1000);
    };
    c.on('error', lost);
    c.on('end', () => lost());
    c.on('notification', (n) => {
      if (n.channel !== LIVE_CHANNEL || !n.payload) return;
      try {
        const message = JSON.parse(n.payload) as LiveMessage;
        emitter.emit(message.topic, message);
      } catch {
        deps.log.warn({ payload: n.payload.slice(0, 200) }, 'live updates: a message that is not JSON');
      }
    });
    try {
      await c.connect();
      await c.query(`listen ${LIVE_CHANNEL}`);
      client = c;
      up = true;
      // Whatever was announced while nobody listened is gone: every open subscription resyncs.
      if (!first) for (const topic of topics()) emitter.emit(topic, { topic, resync: true });
    } catch (e) {
      c.removeAllListeners();
      c.end().catch(() => undefined);
      if (first) throw e;
      if (!closed) timer = setTimeout(() => void connect(false), deps.retryMs ?? 1000);
    }
  };
  await connect(true);

  return {
    subscribe(topic, signal) {
      const events = on(emitter, topic, { signal }) as AsyncIterableIterator<[LiveMessage]>;
      return {
        [Symbol.asyncIterator]() {
          return this;
        },
        next: async () => {
          const r = await events.next();
          return r.done ? { done: true, value: undefined } : { done: false, value: r.value[0] };
        },
        return: async () => {
          await events.return?.();
          return { done: true, value: undefined };
        },
      };
    },
    listening: () => up,
    subscribers: () => topics().reduce((n, t) => n + emitter.listenerCount(t), 0),
    async close() {
      closed = true;
      clearTimeout(timer);
      const c = client;
      client = null;
      up = false;
      if (c) {
        c.removeAllListeners();
        c.on('error', () => undefined);
        await c.end().catch(() => undefined);
      }
    },
  };
}

/** The messages of `source` that `keep` accepts; returning it ends the source too (the subscription is gone). */
export function filtered<T>(source: AsyncIterableIterator<T>, keep: (value: T) => boolean): AsyncIterableIterator<T> {
  return {
    [Symbol.asyncIterator]() {
      return this;
    },
    async next() {
      for (;;) {
        const r = await source.next();
        if (r.done || keep(r.value)) return r;
      }
    },
    async return() {
      await source.return?.();
      return { done: true, value: undefined };
    },
  };
}
