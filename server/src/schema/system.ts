// The hub itself: its clock, and later its health and configuration.
import { Repeater } from 'graphql-yoga';
import { builder } from '../builder.ts';

const TICK_MS = 1000;

builder.subscriptionField('serverTime', (t) =>
  t.field({
    type: 'DateTime',
    description: 'The server’s clock, now and then once a second (shows that live updates reach the client).',
    subscribe: (_root, _args, ctx) =>
      new Repeater<Date>(async (push, stop) => {
        await push(ctx.clock());
        const timer = setInterval(() => push(ctx.clock()), TICK_MS);
        await stop;
        clearInterval(timer);
      }),
    resolve: (time) => time,
  }),
);
