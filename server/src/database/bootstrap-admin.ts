import type { EntityManager } from 'typeorm';
import type { AppConfig } from '../config/env.js';
import { AuthService } from '../modules/auth/auth.service.js';
import { UserEntity } from '../modules/auth/user.entity.js';

/** The first admin of a real deployment (no demo users): from ADMIN_EMAIL and ADMIN_PASSWORD, once. */
export async function ensureAdmin(manager: EntityManager, config: AppConfig): Promise<void> {
  if (!config.ADMIN_EMAIL || !config.ADMIN_PASSWORD) return;
  const email = config.ADMIN_EMAIL.toLowerCase();
  const exists = await manager.getRepository(UserEntity).createQueryBuilder('u').where('lower(u.email) = :email', { email }).getExists();
  if (exists) return;
  await manager.getRepository(UserEntity).save(
    manager.getRepository(UserEntity).create({ email, name: 'Administrator', role: 'admin', passwordHash: await AuthService.hashPassword(config.ADMIN_PASSWORD), languages: ['en'], skills: [] }),
  );
}
