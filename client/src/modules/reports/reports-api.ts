import type { ResponseTimeGroup, ResponseTimesReport, VolumeReport } from '@rapport/shared';
import { ApiRequestError, apiRequest, authorizedFetch, buildUrl, NETWORK_ERROR_STATUS, toApiError } from '../../lib/api-client';

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
  let response: Response;
  try {
    // An expired token is renewed and the download asked for again (see api-client).
    response = await authorizedFetch(buildUrl(RESPONSE_TIMES, { ...query }), { headers });
  } catch {
    throw new ApiRequestError({ statusCode: NETWORK_ERROR_STATUS, error: 'Network Error', message: 'Cannot reach the server. Check your connection and try again.' });
  }
  if (!response.ok) {
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
