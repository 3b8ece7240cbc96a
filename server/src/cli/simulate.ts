// `pnpm simulate`: streams realistic events into a running hub through its public API, so the
// big screen comes alive in a demo (simulate/simulate.ts says what and how).
import { parseArgs } from 'node:util';
import { ConfigError } from '../config.ts';
import { ApiError } from '../simulate/client.ts';
import { simulate } from '../simulate/simulate.ts';
import { runCli } from './run.ts';

const usage = `usage: pnpm simulate [--rate N] [--duration S] [--url U] [--seed S] [--token T] [--staff-token T]

Streams events into a running hub through its GraphQL API: mostly new service cases (channels,
townships, items and time of day as in the seed), some completed a little later, assignment
slips issued and moved along ISSUED → ACKNOWLEDGED → REPLIED → VERIFIED → CLOSED, policy
payments, and firms going on and off the blacklist. Prints a summary every 10 s; Ctrl-C stops
cleanly with a final summary.

  --rate N          events a second, all kinds together (default 5)
  --duration S      stop after S seconds (default: run until Ctrl-C)
  --url U           the hub's GraphQL endpoint (default http://127.0.0.1:4000/graphql)
  --seed S          draw the same events again (same data, same time of day)
  --token T         one bearer token for every read and write (default: HUB_TOKEN)
  --staff-token T   the token for slips (default: HUB_STAFF_TOKEN, else --token)

Without a token the simulator mints its own with HUB_JWT_SECRET (or the development default,
as \`pnpm hub token\` does): an INTEGRATION token for each source system that fed the hub's
cases, payments and list entries, and a STAFF token for slips, which have no source system
and whose verification and closing are the office's. An INTEGRATION token given with --token
writes everything as its own system; its slip steps are refused (FORBIDDEN) unless a STAFF or
ADMIN token comes with --staff-token.`;

await runCli(async () => {
  const { values } = parseArgs({
    options: {
      rate: { type: 'string', default: '5' },
      duration: { type: 'string' },
      url: { type: 'string', default: 'http://127.0.0.1:4000/graphql' },
      seed: { type: 'string' },
      token: { type: 'string' },
      'staff-token': { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.log(usage);
    return;
  }
  const rate = Number(values.rate);
  if (!(rate > 0)) throw new ConfigError(`--rate must be a positive number, got ${values.rate}\n${usage}`);
  const duration = values.duration === undefined ? undefined : Number(values.duration);
  if (duration !== undefined && !(duration > 0)) {
    throw new ConfigError(`--duration must be a positive number of seconds, got ${values.duration}`);
  }
  const token = values.token ?? process.env.HUB_TOKEN;
  const staffToken = values['staff-token'] ?? process.env.HUB_STAFF_TOKEN;

  // The first Ctrl-C lets the requests in flight finish and prints the summary; a second one quits.
  const stop = new AbortController();
  process.on('SIGINT', () => {
    if (stop.signal.aborted) process.exit(130);
    console.log('stopping: waiting for the requests in flight (Ctrl-C again quits at once)');
    stop.abort();
  });
  try {
    await simulate({
      url: values.url,
      rate,
      duration,
      seed: values.seed,
      token,
      staffToken,
      signal: stop.signal,
    });
  } catch (error) {
    if (error instanceof ApiError)
      throw new ConfigError(`cannot simulate against ${values.url}: ${error.message}`);
    throw error;
  }
  process.exit(0);
});
