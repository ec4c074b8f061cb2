import { useState } from 'react';
import type { Conversation, CreateFollowUpBody } from '@rapport/shared';
import { errorMessage } from '../../lib/error-message';
import { usePopover } from '../../ui/use-popover';
import { followUpSuggestions } from '../follow-ups/follow-up-suggestions';
import { useCreateFollowUp } from '../follow-ups/use-follow-ups';
import { useSendCheck } from './use-send-check';

interface FollowUpMenuProps {
  conversation: Pick<Conversation, 'id' | 'customerId'>;
  disabled: boolean;
}

/** "Follow up": a note and a time (suggested on the agent's and the customer's clock, or picked). */
export function FollowUpMenu({ conversation, disabled }: FollowUpMenuProps) {
  // Times are computed from when the menu opened, so "in 1 hour" means an hour from the click.
  const { value: openedAt, setValue: setOpenedAt, open, rootRef } = usePopover<Date>();
  const [note, setNote] = useState('');
  const [custom, setCustom] = useState('');
  const contact = useSendCheck(conversation).data?.contact;
  const create = useCreateFollowUp(conversation.id);
  const suggestions = openedAt ? followUpSuggestions(openedAt, contact) : null;

  const submit = (request: Pick<CreateFollowUpBody, 'dueAt' | 'inCustomerHours'>) => {
    create.mutate(
      { note: note.trim(), ...request },
      {
        onSuccess: () => {
          setOpenedAt(null);
          setNote('');
          setCustom('');
        },
      },
    );
  };
  const noteMissing = note.trim() === '';
  const customAt = custom ? new Date(custom) : null;

  return (
    <div className="menu" ref={rootRef}>
      <button
        type="button"
        className="button button-quiet menu-trigger"
        data-testid="follow-up-open"
        aria-haspopup="dialog"
        aria-expanded={open}
        disabled={disabled}
        onClick={() => {
          create.reset();
          setOpenedAt(open ? null : new Date());
        }}
      >
        Follow up
      </button>
      {suggestions ? (
        <div className="menu-popover followup-popover" role="dialog" aria-label="Follow up">
          <label className="followup-field">
            <span>Remind me to</span>
            <textarea
              data-testid="follow-up-note"
              rows={2}
              maxLength={1000}
              value={note}
              placeholder="e.g. check the refund arrived"
              onChange={(e) => setNote(e.target.value)}
              autoFocus
            />
          </label>
          {suggestions.map((s) => (
            <button
              key={s.key}
              type="button"
              className="menu-item followup-option"
              data-testid={`follow-up-suggestion-${s.key}`}
              disabled={noteMissing || create.isPending}
              onClick={() => submit(s.request)}
            >
              <span>{s.label}</span>
              <span className="muted">
                {s.customerTime ? `${s.customerTime} · ${s.agentTime} yours` : s.agentTime}
              </span>
            </button>
          ))}
          <div className="followup-custom">
            <input type="datetime-local" aria-label="Follow up at" data-testid="follow-up-custom" value={custom} onChange={(e) => setCustom(e.target.value)} />
            <button
              type="button"
              className="button button-quiet"
              data-testid="follow-up-custom-set"
              disabled={noteMissing || !customAt || Number.isNaN(customAt.getTime()) || create.isPending}
              onClick={() => customAt && submit({ dueAt: customAt.toISOString() })}
            >
              Set
            </button>
          </div>
          {noteMissing ? <span className="muted followup-hint">Write what to follow up on, then pick a time.</span> : null}
          {create.error ? (
            <span className="followup-error" role="alert">
              {errorMessage(create.error)}
            </span>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
