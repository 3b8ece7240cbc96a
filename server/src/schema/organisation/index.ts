// Where the county serves: the administrative tree (regions.ts) and departments, halls, windows,
// staff, service points and partner counties (records.ts).
import './regions.ts';
import './records.ts';
