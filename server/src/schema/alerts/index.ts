// Alerts (预警): the rules evaluated after writes (rules.ts, run by the live hub's leader) and the
// open-alert counts by rule and level (summary.ts).
import './summary.ts';
