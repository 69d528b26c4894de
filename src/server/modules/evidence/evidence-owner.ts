import type { Kysely } from 'kysely';
import type { EvidenceOwner } from '../../../shared/evidence.schema.js';
import type { Subject } from '../../auth/access.js';
import type { KeyOwner } from '../../crypto/keyring.js';
import type { Database } from '../../db/schema.js';
import type { CaseDeps } from '../cases/case-common.js';
import { caseWork } from '../cases/case-work.js';
import { incidentWork } from '../incidents/incident-work.js';

/**
 * What one does with an owner's evidence, and the owner's rule for it:
 *  - `read`: list, view (working copy), custody history: case.read / incident.read;
 *  - `handle`: the original and the package: case.write on a case (those who work on it), incident.read on an
 *    incident (its readers are the coordinators and those working a linked case, who take it to court);
 *  - `record`: upload: case.write / incident.record (coordinators).
 */
export type Handling = 'read' | 'handle' | 'record';

/** The owner as the work found it: a case's number, to name a package. */
export interface OwnerFound {
  trx: Kysely<Database>;
  caseNumber: string | null;
}

/** The key an owner's files and fields are sealed under: the case's, or the incident's (which outlives a case). */
export const keyOwner = (owner: EvidenceOwner): KeyOwner => ({ type: owner.kind, id: owner.id });

/**
 * One transaction on the owner of evidence files, its access rule checked in it (NOT_FOUND when it fails, as
 * for the owner itself); a case is locked for `handle` and `record`, an incident for `record`.
 */
export function ownerWork<T>(
  deps: CaseDeps,
  actor: Subject,
  owner: EvidenceOwner,
  handling: Handling,
  work: (found: OwnerFound) => Promise<T>,
): Promise<T> {
  if (owner.kind === 'case') {
    return caseWork(deps, actor, owner.id, handling === 'read' ? 'case.read' : 'case.write', ({ trx, row }) =>
      work({ trx, caseNumber: row.number }),
    );
  }
  return incidentWork(deps, actor, owner.id, handling === 'record' ? 'incident.record' : 'incident.read', ({ trx }) =>
    work({ trx, caseNumber: null }),
  );
}
