// Obstacle clearing (清障行动): problems, assignment slips, follow-ups, reviews and investment projects
// (records.ts), their figures (kpis.ts over figures.ts) and their writes.
import './records.ts';
import './kpis.ts';
import './mutations.ts';
