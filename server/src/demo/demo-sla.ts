import type { EntityManager } from 'typeorm';
import { SlaPolicyEntity } from '../modules/sla/sla-policy.entity.js';

const MIN = 60;

/** The demo's SLAs: a standard one for the Care team, and a tighter one for urgent conversations. */
export async function createDemoSlaPolicies(manager: EntityManager, teamId: string): Promise<void> {
  const repo = manager.getRepository(SlaPolicyEntity);
  await repo.save([
    repo.create({ name: 'Care standard', teamId, firstResponseSeconds: 30 * MIN, nextReplySeconds: 60 * MIN, resolutionSeconds: 24 * 60 * MIN, businessHoursOnly: true }),
    repo.create({ name: 'Urgent', teamId, priority: 'urgent', firstResponseSeconds: 10 * MIN, nextReplySeconds: 15 * MIN, resolutionSeconds: 4 * 60 * MIN, businessHoursOnly: false }),
  ]);
}
