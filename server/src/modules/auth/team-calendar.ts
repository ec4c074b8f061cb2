import type { EntityManager } from 'typeorm';
import type { BusinessCalendar } from '../metrics/domain/business-hours.js';
import { TeamEntity } from './team.entity.js';

/** Without a team, clocks count around the clock. */
export const ALWAYS_OPEN: BusinessCalendar = { timezone: 'UTC', businessHours: {} };

/** The business hours a team's conversations are timed in. */
export async function teamCalendar(manager: EntityManager, teamId: string | null): Promise<BusinessCalendar> {
  const team = teamId ? await manager.getRepository(TeamEntity).findOneBy({ id: teamId }) : null;
  return team ? { timezone: team.timezone, businessHours: team.businessHours, holidays: team.holidays } : ALWAYS_OPEN;
}
