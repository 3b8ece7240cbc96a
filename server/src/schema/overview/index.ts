// The big screen's headline figures (指挥中心大屏总览): the overview field (kpis.ts) over its two
// statements (figures.ts).
import './kpis.ts';
