import { useId, useMemo, useState } from 'react';
import { SLA_BREACH_ACTIONS, type SlaBreachAction, type Team, type UpdateTeamBody } from '@rapport/shared';
import { errorMessage } from '../../lib/error-message';
import { addHoliday, draftOf, hoursOf, MAX_RANGES_PER_DAY, nextRange, sameHours, timeZoneOptions, WEEKDAY_LABELS, WEEKDAYS, type HoursDraft, type Range, type Weekday } from './business-hours';
import { useUpdateTeam } from './use-update-agent';

const BREACH_ACTION_LABELS: Record<SlaBreachAction, string> = {
  notify: 'Notify',
  reassign: 'Notify and reassign',
};

function supportedTimeZones(): string[] {
  try {
    return Intl.supportedValuesOf('timeZone');
  } catch {
    return [];
  }
}

interface Draft {
  timezone: string;
  hours: HoursDraft;
  holidays: string[];
  slaBreachAction: SlaBreachAction;
}

function draftOfTeam(team: Team): Draft {
  return { timezone: team.timezone, hours: draftOf(team.businessHours), holidays: [...team.holidays], slaBreachAction: team.slaBreachAction ?? 'notify' };
}

/** The changed fields, or why the draft cannot be saved; null body when nothing changed. */
function changesOf(team: Team, draft: Draft): { ok: true; body: UpdateTeamBody | null } | { ok: false; error: string } {
  const hours = hoursOf(draft.hours);
  if (!hours.ok) return hours;
  const body: UpdateTeamBody = {};
  if (draft.timezone !== team.timezone) body.timezone = draft.timezone;
  if (!sameHours(hours.value, team.businessHours)) body.businessHours = hours.value;
  if (draft.holidays.join() !== [...team.holidays].sort().join()) body.holidays = draft.holidays;
  if (draft.slaBreachAction !== (team.slaBreachAction ?? 'notify')) body.slaBreachAction = draft.slaBreachAction;
  return { ok: true, body: Object.keys(body).length > 0 ? body : null };
}

interface TimeInputProps {
  testId: string;
  label: string;
  placeholder: string;
  disabled: boolean;
  value: string;
  onChange: (time: string) => void;
}

/** An opening or closing time, typed as HH:MM. */
function TimeInput({ testId, label, placeholder, disabled, value, onChange }: TimeInputProps) {
  return (
    <input
      className="text-input hours-time"
      data-testid={testId}
      aria-label={label}
      placeholder={placeholder}
      inputMode="numeric"
      maxLength={5}
      disabled={disabled}
      value={value}
      onChange={(e) => onChange(e.target.value)}
    />
  );
}

interface DayProps {
  day: Weekday;
  ranges: Range[];
  editable: boolean;
  onChange: (ranges: Range[]) => void;
}

function DayRow({ day, ranges, editable, onChange }: DayProps) {
  const label = WEEKDAY_LABELS[day];
  const setRange = (index: number, range: Range) => onChange(ranges.map((r, i) => (i === index ? range : r)));
  return (
    <div className="hours-day" data-testid="hours-day" data-day={day}>
      <span className="hours-day-name">{label}</span>
      <div className="hours-ranges">
        {ranges.length === 0 ? <span className="muted hours-closed">Closed</span> : null}
        {ranges.map(([from, to], index) => (
          <span className="hours-range" key={index}>
            <TimeInput testId="hours-from" label={`${label} range ${index + 1} opens`} placeholder="09:00" disabled={!editable} value={from} onChange={(time) => setRange(index, [time, to])} />
            <span aria-hidden="true">–</span>
            <TimeInput testId="hours-to" label={`${label} range ${index + 1} closes`} placeholder="17:00" disabled={!editable} value={to} onChange={(time) => setRange(index, [from, time])} />
            {editable ? (
              <button type="button" className="icon-button hours-remove" data-testid="hours-remove-range" aria-label={`Remove ${label} ${from}–${to}`} title="Remove this range" onClick={() => onChange(ranges.filter((_, i) => i !== index))}>
                ×
              </button>
            ) : null}
          </span>
        ))}
        {editable && ranges.length < MAX_RANGES_PER_DAY ? (
          <button type="button" className="link-button hours-add" data-testid="hours-add-range" onClick={() => onChange([...ranges, nextRange(ranges)])}>
            {ranges.length === 0 ? 'Add hours' : 'Add range'}
            <span className="visually-hidden"> on {label}</span>
          </button>
        ) : null}
      </div>
    </div>
  );
}

/** A team's business hours, holidays and SLA breach action. Leads and admins edit; managers read. */
export function TeamHoursEditor({ team, editable }: { team: Team; editable: boolean }) {
  const [draft, setDraft] = useState<Draft>(() => draftOfTeam(team));
  const [holiday, setHoliday] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const save = useUpdateTeam();
  const zones = useMemo(() => timeZoneOptions(draft.timezone, supportedTimeZones()), [draft.timezone]);
  const ids = { timezone: useId(), holiday: useId(), action: useId(), error: useId() };
  const changes = changesOf(team, draft);
  const dirty = !changes.ok || changes.body !== null;
  const error = problem ?? (save.error ? errorMessage(save.error) : null);

  const setDay = (day: Weekday, ranges: Range[]) => setDraft((d) => ({ ...d, hours: { ...d.hours, days: { ...d.hours.days, [day]: ranges } } }));

  const submit = () => {
    save.reset();
    if (!changes.ok) return setProblem(changes.error);
    setProblem(null);
    if (changes.body) save.mutate({ team, patch: changes.body });
  };

  return (
    <section className="team-card hours-editor" data-testid="team-hours-editor" data-team-id={team.id} aria-label={`Business hours of ${team.name}`}>
      <header className="team-card-header">
        <div className="team-card-title">
          <h2>{team.name}</h2>
          <span className="muted">Business hours and holidays: business-hours SLA clocks pause outside them.</span>
        </div>
      </header>
      <div className="hours-body">
        <div className="hours-settings">
          <div className="form-field">
            <label htmlFor={ids.timezone} className="form-label">
              Time zone
            </label>
            <select id={ids.timezone} className="select" data-testid="team-timezone" disabled={!editable} value={draft.timezone} onChange={(e) => setDraft({ ...draft, timezone: e.target.value })}>
              {zones.map((zone) => (
                <option key={zone} value={zone}>
                  {zone.replaceAll('_', ' ')}
                </option>
              ))}
            </select>
          </div>
          <div className="form-field">
            <label htmlFor={ids.action} className="form-label">
              When an SLA is breached
            </label>
            <select id={ids.action} className="select" data-testid="team-breach-action" disabled={!editable} value={draft.slaBreachAction} onChange={(e) => setDraft({ ...draft, slaBreachAction: e.target.value as SlaBreachAction })}>
              {SLA_BREACH_ACTIONS.map((action) => (
                <option key={action} value={action}>
                  {BREACH_ACTION_LABELS[action]}
                </option>
              ))}
            </select>
            <span className="form-hint">{draft.slaBreachAction === 'reassign' ? 'The assignee and leads are told, and the conversation goes to an available colleague.' : 'The assignee and leads are told; the conversation stays where it is.'}</span>
          </div>
          <div className="form-field">
            <span className="form-label" id={ids.holiday}>
              Holidays
            </span>
            <ul className="holiday-list" aria-labelledby={ids.holiday} data-testid="team-holidays">
              {draft.holidays.length === 0 ? <li className="muted">None</li> : null}
              {draft.holidays.map((date) => (
                <li key={date} className="chip holiday-chip" data-testid="team-holiday">
                  <time dateTime={date}>{date}</time>
                  {editable ? (
                    <button type="button" className="holiday-remove" aria-label={`Remove holiday ${date}`} onClick={() => setDraft({ ...draft, holidays: draft.holidays.filter((d) => d !== date) })}>
                      ×
                    </button>
                  ) : null}
                </li>
              ))}
            </ul>
            {editable ? (
              <span className="holiday-add">
                <input type="date" className="text-input" data-testid="team-holiday-input" aria-label="Holiday date" value={holiday} onChange={(e) => setHoliday(e.target.value)} />
                <button
                  type="button"
                  className="button button-quiet button-small"
                  data-testid="team-holiday-add"
                  disabled={holiday === ''}
                  onClick={() => {
                    setDraft({ ...draft, holidays: addHoliday(draft.holidays, holiday) });
                    setHoliday('');
                  }}
                >
                  Add
                </button>
              </span>
            ) : null}
          </div>
        </div>
        <div className="hours-week">
          <label className="radio-label hours-mode">
            <input type="checkbox" data-testid="team-always-open" disabled={!editable} checked={draft.hours.alwaysOpen} onChange={(e) => setDraft({ ...draft, hours: { ...draft.hours, alwaysOpen: e.target.checked } })} />
            Always open (no business hours)
          </label>
          {draft.hours.alwaysOpen ? (
            <p className="muted hours-always">Every hour counts, holidays too: business-hours clocks run like the wall clock.</p>
          ) : (
            <div className="hours-days">
              {WEEKDAYS.map((day) => (
                <DayRow key={day} day={day} ranges={draft.hours.days[day]} editable={editable} onChange={(ranges) => setDay(day, ranges)} />
              ))}
            </div>
          )}
        </div>
      </div>
      {editable ? (
        <div className="channel-form-footer hours-footer">
          {error ? (
            <span id={ids.error} className="channel-form-error" role="alert" data-testid="team-hours-error">
              {problem ? error : `Not saved: ${error}`}
            </span>
          ) : save.isSuccess && !dirty ? (
            <span className="form-hint hours-saved" role="status" data-testid="team-hours-saved">
              Saved.
            </span>
          ) : (
            <span className="form-hint">Times are local to the team’s time zone; 24:00 ends at midnight.</span>
          )}
          <div className="channel-form-actions">
            <button
              type="button"
              className="button button-quiet"
              disabled={!dirty || save.isPending}
              onClick={() => {
                setDraft(draftOfTeam(team));
                setProblem(null);
                save.reset();
              }}
            >
              Discard
            </button>
            <button type="button" className="button button-primary" data-testid="team-hours-save" disabled={!dirty || save.isPending} onClick={submit}>
              {save.isPending ? 'Saving…' : 'Save'}
            </button>
          </div>
        </div>
      ) : null}
    </section>
  );
}
