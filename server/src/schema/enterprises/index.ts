// The enterprise service grid (企业服务网格): grid units, staff, enterprises, contact visits and revisits
// (records.ts) and the enterprise and visit writes.
import './records.ts';
import './mutations.ts';
