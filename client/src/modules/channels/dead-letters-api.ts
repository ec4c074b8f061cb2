import type { DeadLetterPage, DeadLetterRetry, DeadLetterStatus } from '@rapport/shared';
import { apiRequest } from '../../lib/api-client';

const PAGE_SIZE = 25;

export function fetchDeadLetters(status: DeadLetterStatus | null, cursor: string | null, signal?: AbortSignal): Promise<DeadLetterPage> {
  return apiRequest<DeadLetterPage>('/dead-letters', { query: { status, cursor, limit: PAGE_SIZE }, signal });
}

export function retryDeadLetter(id: string): Promise<DeadLetterRetry> {
  return apiRequest<DeadLetterRetry>(`/dead-letters/${encodeURIComponent(id)}/retry`, { method: 'POST' });
}
