import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { ResponseTimeGroup } from '@rapport/shared';
import { reportKeys } from './query-keys';
import { fetchResponseTimes, fetchVolume, type ReportQuery } from './reports-api';

/** A period that reaches today gains clocks and messages as agents work: refreshed once a minute. */
const REFRESH_MS = 60_000;

const refreshWhileOpen = (query: ReportQuery) => (): number | false => (Date.parse(query.to) > Date.now() ? REFRESH_MS : false);

// A new period or grouping keeps the previous figures on screen (dimmed) instead of flashing a spinner.

export function useResponseTimes(query: ReportQuery, groupBy: ResponseTimeGroup) {
  const full = { ...query, groupBy };
  return useQuery({
    queryKey: reportKeys.responseTimes(full),
    queryFn: ({ signal }) => fetchResponseTimes(full, signal),
    placeholderData: keepPreviousData,
    refetchInterval: refreshWhileOpen(query),
  });
}

export function useVolume(query: ReportQuery) {
  return useQuery({
    queryKey: reportKeys.volume(query),
    queryFn: ({ signal }) => fetchVolume(query, signal),
    placeholderData: keepPreviousData,
    refetchInterval: refreshWhileOpen(query),
  });
}
