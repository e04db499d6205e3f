// Writes the OpenAPI 3.1 document, generated from the zod schemas, beside the build.
import { mkdirSync, writeFileSync } from 'node:fs';
import { buildOpenApi } from '../server/openapi.js';

mkdirSync('dist', { recursive: true });
writeFileSync('dist/openapi.json', `${JSON.stringify(buildOpenApi(), null, 2)}\n`);
console.log('dist/openapi.json written');
