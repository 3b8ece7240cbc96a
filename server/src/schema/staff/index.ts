// Staff and windows (队伍建设): work points and red-list months (records.ts), the rankings (kpis.ts
// over figures.ts) and work-point writes.
import './records.ts';
import './kpis.ts';
import './mutations.ts';
