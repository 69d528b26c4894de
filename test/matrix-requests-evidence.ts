import { multipart, pdf, sha256 } from './evidence.js';
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
