import type { AuditEntry, Page } from '@rapport/shared';
import { apiRequest } from '../../lib/api-client';
import type { AuditListQuery } from './audit-filters';

const PAGE_SIZE = 50;

export function fetchAuditPage(query: AuditListQuery, cursor: string | null, signal?: AbortSignal): Promise<Page<AuditEntry>> {
  return apiRequest<Page<AuditEntry>>('/audit', { query: { ...query, cursor, limit: PAGE_SIZE }, signal });
}
