// How writes tell the live hub what they committed: one typed pubsub per server. The upsert
// engine publishes each committed write's change log, an alert acknowledgement the alert it
// changed; the hub subscribes to both (live/hub.ts). The request context does not carry the hub:
// the server's yoga context factory attaches these live services to each operation's context
// (withLive), and the code that needs them asks for them (liveOf). Several servers in one
// process (tests, two replicas) share the schema but not their hubs, so this cannot be a
// module-level singleton.
import { createPubSub, type PubSub } from 'graphql-yoga';
import type { AlertJson } from '../schema/alerts/rules.ts';
import type { ChangeLog } from './changes.ts';
import type { LiveFeeds } from './streams.ts';

export type CommitTopics = {
  /** A write committed these changes (tables, rows, new cases). */
  committed: [changes: ChangeLog];
  /** Alerts changed outside an evaluation (an acknowledgement). */
  alerts: [alerts: AlertJson[]];
};

export type Commits = PubSub<CommitTopics>;

export const createCommits = (): Commits => createPubSub<CommitTopics>();

/** What an operation may ask of the server's live hub: announce commits, follow feeds. */
export interface LiveServices {
  commits: Commits;
  feeds: LiveFeeds;
}

const LIVE = Symbol('live services');

/** The context with the server's live services attached (a symbol key: it survives a spread). */
export function withLive<T extends object>(context: T, live: LiveServices): T {
  return Object.assign(context, { [LIVE]: live });
}

/** The live services of the server running this operation; none outside a server. */
export function liveOf(context: object): LiveServices | undefined {
  return (context as { [LIVE]?: LiveServices })[LIVE];
}
