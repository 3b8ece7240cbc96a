// Policy funds through 政企通: policies and disbursements (records.ts), their figures (kpis.ts over
// figures.ts) and disbursement writes.
import './records.ts';
import './kpis.ts';
import './mutations.ts';
