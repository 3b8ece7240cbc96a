// Government services (政务服务): cases and their status steps (records.ts), the case and one-network
// figures (kpis.ts over case-figures.ts and network-figures.ts), the case writes (writes.ts,
// mutations.ts) and the case ticker's rows (ticker.ts).
import './records.ts';
import './kpis.ts';
import './mutations.ts';
