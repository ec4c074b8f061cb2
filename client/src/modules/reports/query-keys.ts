import type { ReportQuery, ResponseTimesQuery } from './reports-api';

export const reportKeys = {
  all: ['reports'] as const,
  responseTimes: (query: ResponseTimesQuery) => ['reports', 'response-times', query] as const,
  volume: (query: ReportQuery) => ['reports', 'volume', query] as const,
};
