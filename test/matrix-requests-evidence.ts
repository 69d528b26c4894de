import { JPEG, multipart, pdf, sha256 } from './evidence.js';
import { recordIncident } from './incidents.js';
import { contains, type Plan } from './matrix-plan.js';
import { unique, type SeededCase } from './seed.js';
import type { Context } from './world.js';

/** A fresh case of the target with one evidence file the seeding coordinator uploaded: its id and a marker in its bytes. */
async function caseWithEvidence(context: Context): Promise<{ c: SeededCase; evidenceId: string; marker: string }> {
  const c = await context.world.freshCase(context.target);
  const marker = unique('evidence-bytes-');
  const response = await context.world.seed.coordinatorCall({
    method: 'POST',
    url: `/api/cases/${c.id}/evidence`,
    ...multipart({ kind: 'court_decision' }, { name: 'decision.pdf', content: pdf(marker) }),
  });
  if (response.statusCode !== 201) throw new Error(`upload evidence: ${String(response.statusCode)} ${response.body}`);
  return { c, evidenceId: response.json<{ id: string }>().id, marker };
}

const onEvidence =
  (path: string, check: (ids: { evidenceId: string; marker: string }) => string[]): Plan =>
  async (context) => {
    const { c, evidenceId, marker } = await caseWithEvidence(context);
    return {
      request: { method: 'GET', url: `/api/cases/${c.id}/evidence${path.replace(':evidenceId', evidenceId)}` },
      check: (response) => check({ evidenceId, marker }).filter((id) => !response.body.includes(id)),
    };
  };

/** A valid call per evidence route (see matrix-requests.ts). */
export const EVIDENCE_REQUESTS: Record<string, Plan> = {
  'POST /api/cases/:caseId/evidence': async ({ world, target }) => {
    const c = await world.freshCase(target);
    const content = pdf(unique('upload-'));
    return {
      request: {
        method: 'POST',
        url: `/api/cases/${c.id}/evidence`,
        ...multipart({ kind: 'contract_scan', description: 'Контракт' }, { name: 'contract.pdf', content }),
      },
      check: contains(sha256(content)),
    };
  },
  'GET /api/cases/:caseId/evidence': onEvidence('', ({ evidenceId }) => [evidenceId, 'decision.pdf']),
  'GET /api/cases/:caseId/evidence/package': onEvidence('/package', ({ marker }) => [marker, 'SHA256SUMS']),
  'GET /api/cases/:caseId/evidence/:evidenceId/working': onEvidence('/:evidenceId/working', ({ marker }) => [marker]),
  'GET /api/cases/:caseId/evidence/:evidenceId/original': onEvidence('/:evidenceId/original', ({ marker }) => [marker]),
  'GET /api/cases/:caseId/evidence/:evidenceId/custody': onEvidence('/:evidenceId/custody', () => ['evidence.upload']),
};

/**
 * A fresh incident (linked to case A for `granted`, case B otherwise) with one photo the coordinator uploaded:
 * a JPEG, so the working copy route serves a stripped copy; the marker is in the file's description.
 */
async function incidentWithEvidence(context: Context): Promise<{ incidentId: string; evidenceId: string }> {
  const { world, target } = context;
  const incidentId = await recordIncident(world.seed.coordinatorCall, {
    caseIds: [target === 'granted' ? world.caseA.id : world.caseB.id],
  });
  const response = await world.seed.coordinatorCall({
    method: 'POST',
    url: `/api/incidents/${incidentId}/evidence`,
    ...multipart({ kind: 'photo' }, { name: 'camp.jpg', content: JPEG }),
  });
  if (response.statusCode !== 201) throw new Error(`upload evidence: ${String(response.statusCode)} ${response.body}`);
  return { incidentId, evidenceId: response.json<{ id: string }>().id };
}

const onIncidentEvidence =
  (path: string, check: (ids: { evidenceId: string }) => string[]): Plan =>
  async (context) => {
    const { incidentId, evidenceId } = await incidentWithEvidence(context);
    return {
      request: {
        method: 'GET',
        url: `/api/incidents/${incidentId}/evidence${path.replace(':evidenceId', evidenceId)}`,
      },
      check: (response) => check({ evidenceId }).filter((id) => !response.body.includes(id)),
    };
  };

/** The JPEG's first bytes after its start marker (JFIF): in the working copy and the original alike. */
const JFIF = 'JFIF';

export const INCIDENT_EVIDENCE_REQUESTS: Record<string, Plan> = {
  'POST /api/incidents/:incidentId/evidence': async ({ world, target }) => {
    const incidentId = await recordIncident(world.seed.coordinatorCall, {
      caseIds: [target === 'granted' ? world.caseA.id : world.caseB.id],
    });
    const content = pdf(unique('incident-upload-'));
    return {
      request: {
        method: 'POST',
        url: `/api/incidents/${incidentId}/evidence`,
        ...multipart({ kind: 'report_with_stamp' }, { name: 'report.pdf', content }),
      },
      check: contains(sha256(content), incidentId),
    };
  },
  'GET /api/incidents/:incidentId/evidence': onIncidentEvidence('', ({ evidenceId }) => [evidenceId, 'camp.jpg']),
  'GET /api/incidents/:incidentId/evidence/package': onIncidentEvidence('/package', () => ['SHA256SUMS', JFIF]),
  'GET /api/incidents/:incidentId/evidence/:evidenceId/working': onIncidentEvidence('/:evidenceId/working', () => [
    JFIF,
  ]),
  'GET /api/incidents/:incidentId/evidence/:evidenceId/original': onIncidentEvidence('/:evidenceId/original', () => [
    JFIF,
  ]),
  'GET /api/incidents/:incidentId/evidence/:evidenceId/custody': onIncidentEvidence('/:evidenceId/custody', () => [
    'evidence.upload',
  ]),
};
