// Every domain of the schema, one import each. A domain is a folder holding its GraphQL types,
// queries, KPIs, write inputs and mutations, and the tables its fields read (README, "Adding a
// domain"); what the domains share sits beside them (kpi-common.ts, mutation-root.ts, reads.ts).
import './organisation/index.ts';
import './services/index.ts';
import './system.ts';
import './catalogue/index.ts';
import './enterprises/index.ts';
import './funds/index.ts';
import './audit.ts';
import './problems/index.ts';
import './credit/index.ts';
import './environment/index.ts';
import './staff/index.ts';
import './overview/index.ts';
import './awards/index.ts';
import './live.ts';
import './alerts/index.ts';
