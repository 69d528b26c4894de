import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/databases.js';
import { API_CONTRACT } from '../../shared/api-contract.js';
import { routeTable } from '../app.js';
import { Keyring } from '../crypto/keyring.js';
import { newMasterKey } from '../crypto/master-key.js';
import { isPageResponse } from './page-route.js';
import type { AnyRoute } from './route.js';

/**
 * The web app's tests fake answers and check the app's requests against the
 * shared contract; this proves the contract is what the server really
 * registers, schema object for schema object.
 */
describe('the shared API contract', () => {
  let database: TestDatabase;
  let routes: AnyRoute[];
  beforeAll(async () => {
    database = await createTestDatabase('sqlite');
    routes = routeTable({
      database: database.handle,
      keyring: new Keyring(newMasterKey()),
      logger: pino({ level: 'silent' }),
    });
  });
  afterAll(() => database.cleanup());

  it.each(Object.entries(API_CONTRACT))('%s is registered with the shared schemas', (key, contract) => {
    const route = routes.find((r) => `${r.method} ${r.url}` === key);
    expect(route, key).toBeDefined();
    expect(route?.body).toBe(contract.body);
    expect(route?.successStatus ?? 200).toBe(contract.status);
    if (contract.status === 204) {
      const response = route?.response;
      expect(response !== undefined && !isPageResponse(response) && response.safeParse(undefined).success).toBe(true);
    } else {
      expect(route?.response).toBe(contract.response);
    }
  });
});
