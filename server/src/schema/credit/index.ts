// Credit (信用体系): the credit base, the serious-dishonesty list, credit repair, double publicity and
// ratings (records.ts), their figures (kpis.ts over figures.ts) and their writes.
import './records.ts';
import './kpis.ts';
import './mutations.ts';
