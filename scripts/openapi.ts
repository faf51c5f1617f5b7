/**
 * Writes public/openapi.json from the contract (`npm run openapi`). The build ships it, and a
 * unit test fails when the committed file is stale.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { buildOpenApiDocument } from '../src/api/openapi';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
  version: string;
};
const target = new URL('../public/openapi.json', import.meta.url);
writeFileSync(
  target,
  `${JSON.stringify(buildOpenApiDocument({ version: pkg.version }), null, 2)}\n`,
);
console.log(`Wrote ${target.pathname}`);
