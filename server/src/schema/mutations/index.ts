// The write API: the Mutation type and what writes share (root.ts), then one file per domain.
import './root.ts';
import './services.ts';
import './grid.ts';
import './problems.ts';
import './funds.ts';
import './credit.ts';
import './indicators.ts';
import './staff.ts';
