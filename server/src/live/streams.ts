// The feeds a write or an alert evaluation publishes to: the case ticker (cases received and
// completed), record events per stream (problems, slips, projects, disbursements, credit), and
// alerts. Each is numbered (feeds.ts); what a ticker row or an alert is belongs to its domain
// (schema/services/ticker.ts, schema/alerts/rules.ts).
import { Repeater } from 'graphql-yoga';
import { rowVisible } from '../access.ts';
import type { Database } from '../db.ts';
import { type AlertJson, openAlerts } from '../schema/alerts/rules.ts';
import {
  type CaseTickJson,
  TICK_COLUMNS,
  TICK_FROM,
  type TickRow,
  tickOf,
} from '../schema/services/ticker.ts';
import type { LiveBus } from './bus.ts';
import type { ChangeLog } from './changes.ts';
import { type FeedFilter, type FeedMessage, inScope, numberedFeed, visibleOnce } from './feeds.ts';
import { TOPIC } from './recipes.ts';

export const eventStreams = ['PROBLEMS', 'SLIPS', 'PROJECTS', 'FUNDS', 'CREDIT'] as const;
export type EventStream = (typeof eventStreams)[number];

/** Which table's changes go to which event stream. */
const streamOfTable: Record<string, EventStream> = {
  Problem: 'PROBLEMS',
  ProblemFollowUp: 'PROBLEMS',
  AssignmentSlip: 'SLIPS',
  InvestmentProject: 'PROJECTS',
  ProjectProgress: 'PROJECTS',
  Disbursement: 'FUNDS',
  BlacklistEntry: 'CREDIT',
  CreditRepair: 'CREDIT',
};

export interface HubEventJson {
  stream: EventStream;
  action: 'CREATED' | 'UPDATED' | 'STATUS';
  entity: string;
  entityId: number;
  status: string | null;
  previousStatus: string | null;
  at: string;
}

/** The most items one feed message carries. */
const FEED_CAP = 50;

/** What the subscription fields of schema/live.ts ask of the hub. */
export interface LiveFeeds {
  caseTicker(filter: FeedFilter, limit: number): AsyncIterable<FeedMessage<CaseTickJson>>;
  events(filter: FeedFilter, streams: readonly EventStream[]): AsyncIterable<HubEventJson & { seq: number }>;
  alertFeed(filter: FeedFilter, limit: number): AsyncIterable<FeedMessage<AlertJson>>;
}

export interface Streams extends LiveFeeds {
  /** Publishes a committed write's cases and record events. */
  publishWrite(changes: ChangeLog, at: Date): Promise<void>;
  /** Publishes alerts that changed; live queries of the `alerts` list follow too. */
  publishAlerts(alerts: AlertJson[]): Promise<void>;
}

export function createStreams(
  db: Database,
  bus: LiveBus,
  warn: (error: unknown, message: string) => void,
): Streams {
  return {
    async publishWrite(changes, when) {
      const cases = new Map<number, CaseTickJson['kind']>();
      const events: HubEventJson[] = [];
      const at = when.toISOString();
      for (const change of changes.rows) {
        if (change.table === 'ServiceCase') {
          if (change.action === 'CREATED') cases.set(change.id, 'RECEIVED');
          else if (change.to === 'COMPLETED' && change.from !== 'COMPLETED')
            cases.set(change.id, 'COMPLETED');
          continue;
        }
        const stream = streamOfTable[change.table];
        if (!stream) continue;
        events.push({
          stream,
          action: change.action,
          entity: change.table,
          entityId: change.id,
          status: change.to ?? null,
          previousStatus: change.from ?? null,
          at,
        });
      }
      if (cases.size > 0) {
        const latest = [...cases.keys()].sort((a, b) => b - a).slice(0, FEED_CAP);
        const rows = await db.sql.query<TickRow>(
          `SELECT ${TICK_COLUMNS} FROM ${TICK_FROM} WHERE c.id = ANY($1::int4[]) ORDER BY c."submittedAt" DESC, c.id DESC`,
          [latest],
        );
        await bus.publishNumbered(TOPIC.cases, 'cases', {
          items: rows.map((row) => tickOf(row, cases.get(row.id) ?? 'RECEIVED')),
          more: cases.size - rows.length,
        });
      }
      for (const event of events.slice(-FEED_CAP)) {
        await bus.publishNumbered(TOPIC.events, `events:${event.stream}`, event);
      }
    },

    async publishAlerts(alerts) {
      // Live queries of the `alerts` list follow too (alerts are not written through the API).
      if (alerts.length > 0) await bus.publish(TOPIC.dirty, { tables: ['Alert'] });
      for (let start = 0; start < alerts.length; start += FEED_CAP) {
        await bus.publishNumbered(TOPIC.alerts, 'alerts', {
          items: alerts.slice(start, start + FEED_CAP),
          more: 0,
        });
      }
    },

    caseTicker(filter, limit) {
      type Message = { seq: number; items: CaseTickJson[]; more: number };
      return numberedFeed<Message, FeedMessage<CaseTickJson>>(
        bus,
        TOPIC.cases,
        'cases',
        JSON.stringify([filter, limit]),
        async (seq) => {
          const rows = await db.sql.query<TickRow>(
            `SELECT ${TICK_COLUMNS} FROM ${TICK_FROM}
              WHERE ($1::text IS NULL OR r.path LIKE $1 || '%') AND ($2::int4 IS NULL OR i."departmentId" = $2)
              ORDER BY c."submittedAt" DESC, c.id DESC LIMIT $3`,
            [filter.regionPath, filter.departmentId, limit],
          );
          return {
            seq,
            snapshot: true,
            items: rows.map((row) => tickOf(row, row.status === 'COMPLETED' ? 'COMPLETED' : 'RECEIVED')),
            more: 0,
          };
        },
        (message) => ({
          seq: message.seq,
          snapshot: false,
          items: message.items.filter((item) => inScope(filter, item.regionPath, item.departmentId)),
          more: message.more,
        }),
      );
    },

    events(filter, streams) {
      const wanted = streams.length > 0 ? streams : eventStreams;
      const scope = JSON.stringify(filter);
      return new Repeater(async (push, stop) => {
        // Each record is checked against the caller's scope before it is pushed; the checks run
        // in parallel but the events leave in the order they were published.
        let pushed = Promise.resolve();
        const off = bus.on(TOPIC.events, (detail) => {
          const event = detail as HubEventJson & { seq: number };
          if (!wanted.includes(event.stream)) return;
          const visible = visibleOnce(event, scope, () =>
            rowVisible(db.prisma, filter, event.entity, event.entityId),
          );
          pushed = pushed
            .then(async () => {
              if (await visible) void push(event);
            })
            .catch((error) => warn(error, 'a record event was not checked against its subscriber’s scope'));
        });
        await stop;
        off();
      });
    },

    alertFeed(filter, limit) {
      type Message = { seq: number; items: AlertJson[]; more: number };
      return numberedFeed<Message, FeedMessage<AlertJson>>(
        bus,
        TOPIC.alerts,
        'alerts',
        JSON.stringify([filter, limit]),
        async (seq) => ({
          seq,
          snapshot: true,
          items: (await openAlerts(db, filter.regionPath, limit)).filter((alert) =>
            inScope(filter, alert.regionPath, alert.departmentId),
          ),
          more: 0,
        }),
        (message) => ({
          seq: message.seq,
          snapshot: false,
          items: message.items.filter((alert) => inScope(filter, alert.regionPath, alert.departmentId)),
          more: message.more,
        }),
      );
    },
  };
}
