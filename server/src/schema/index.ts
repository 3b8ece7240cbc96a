import './regions.ts';
import './services.ts';
import './system.ts';
import './audit.ts';
