// The business environment (营商环境): indicators as records with their targets and values
// (records.ts), the evaluation and passive-monitoring figures (kpis.ts over figures.ts), the
// indicator board with its red/amber/green status (indicator-kpis.ts over indicator-figures.ts) and
// indicator value writes.
import './records.ts';
import './kpis.ts';
import './indicator-kpis.ts';
import './mutations.ts';
