import type { ResponseTimeGroup, ResponseTimesReport, VolumeReport } from '@rapport/shared';
import { ApiRequestError, apiRequest, buildUrl, NETWORK_ERROR_STATUS, toApiError } from '../../lib/api-client';
import { clearSession, getAccessToken } from '../../lib/session-store';

export interface ReportQuery {
  from: string;
  to: string;
  tz: string;
}

export type ResponseTimesQuery = ReportQuery & { groupBy: ResponseTimeGroup };

const RESPONSE_TIMES = '/metrics/response-times';

export function fetchResponseTimes(query: ResponseTimesQuery, signal?: AbortSignal): Promise<ResponseTimesReport> {
  return apiRequest<ResponseTimesReport>(RESPONSE_TIMES, { query: { ...query }, signal });
}

export function fetchVolume(query: ReportQuery, signal?: AbortSignal): Promise<VolumeReport> {
  return apiRequest<VolumeReport>('/metrics/volume', { query: { ...query }, signal });
}

/** The same rows as the table, as the server's CSV (same URL, `Accept: text/csv`). */
export async function fetchResponseTimesCsv(query: ResponseTimesQuery): Promise<Blob> {
  const headers = new Headers({ Accept: 'text/csv' });
  const token = getAccessToken();
  if (token) headers.set('Authorization', `Bearer ${token}`);
  let response: Response;
  try {
    response = await fetch(buildUrl(RESPONSE_TIMES, { ...query }), { headers });
  } catch {
    throw new ApiRequestError({ statusCode: NETWORK_ERROR_STATUS, error: 'Network Error', message: 'Cannot reach the server. Check your connection and try again.' });
  }
  if (!response.ok) {
    if (response.status === 401) clearSession();
    const text = await response.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // Not JSON: the status text says enough.
    }
    throw new ApiRequestError(toApiError(response.status, response.statusText, body));
  }
  return response.blob();
}
