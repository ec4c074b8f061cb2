import { useState } from 'react';
import { errorMessage } from '../../lib/error-message';
import { csvFileName } from './csv-file-name';
import type { ReportPeriod } from './report-period';
import { fetchResponseTimesCsv, type ResponseTimesQuery } from './reports-api';
import { saveFile } from './save-file';

/** Fetches the table's rows as the server's CSV (the bearer token rides along, so no plain link) and saves it. */
export function CsvDownloadButton({ query, period, label }: { query: ResponseTimesQuery; period: ReportPeriod; label: string }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const download = async () => {
    setBusy(true);
    setError(null);
    try {
      saveFile(await fetchResponseTimesCsv(query), csvFileName(query.groupBy, period));
    } catch (cause) {
      setError(`Download failed: ${errorMessage(cause)}`);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="report-download">
      {error ? (
        <span className="report-download-error" role="alert">
          {error}
        </span>
      ) : null}
      <button type="button" className="button button-small" data-testid="report-csv" aria-label={label} disabled={busy} onClick={() => void download()}>
        {busy ? 'Preparing…' : 'Download CSV'}
      </button>
    </div>
  );
}
