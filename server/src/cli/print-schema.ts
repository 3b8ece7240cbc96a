// `pnpm schema:print`: writes schema.graphql at the repository root from the code.
import { writeFileSync } from 'node:fs';
import { printHubSchema, schemaFile } from '../schema.ts';
import { runCli } from './run.ts';

await runCli(async () => {
  writeFileSync(schemaFile, printHubSchema());
  console.log(`wrote ${schemaFile}`);
});
