/**
 * The service's routes over the in-memory store, for the browser benchmark's
 * data (generated courses served as the API serves them).
 */
import { createApp } from '../server/app.js';
import type { CatalogueData } from '../server/catalogue.js';
import { LiveCatalogue } from '../server/live-catalogue.js';
import { MemoryStorage } from '../test/support/memory-storage.js';

export async function inMemoryApp(data: CatalogueData) {
  const storage = new MemoryStorage(data);
  const catalogue = new LiveCatalogue(storage);
  await catalogue.load();
  return createApp({ storage, catalogue, publicUrl: 'http://bench.local' });
}
