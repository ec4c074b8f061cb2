import { useEffect, useState } from 'react';

const FEEDBACK_MS = 1500;

/** navigator.clipboard exists only in secure contexts; a plain-http LAN deployment falls back to a hidden textarea. */
async function copyText(text: string): Promise<void> {
  if (window.isSecureContext && navigator.clipboard) {
    await navigator.clipboard.writeText(text);
    return;
  }
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.opacity = '0';
  document.body.append(area);
  area.select();
  try {
    if (!document.execCommand('copy')) throw new Error('copy refused');
  } finally {
    area.remove();
  }
}

interface CopyButtonProps {
  text: string;
  /** What is copied, for screen readers ("Copy webhook URL"). */
  label: string;
  testId?: string;
}

export function CopyButton({ text, label, testId }: CopyButtonProps) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');

  useEffect(() => {
    if (state === 'idle') return;
    const timer = setTimeout(() => setState('idle'), FEEDBACK_MS);
    return () => clearTimeout(timer);
  }, [state]);

  return (
    <button
      type="button"
      className={state === 'copied' ? 'button button-quiet button-small copy-button is-copied' : 'button button-quiet button-small copy-button'}
      data-testid={testId}
      aria-label={label}
      title={label}
      onClick={() => {
        copyText(text).then(
          () => setState('copied'),
          () => setState('failed'),
        );
      }}
    >
      {state === 'copied' ? 'Copied' : state === 'failed' ? 'Select and copy' : 'Copy'}
    </button>
  );
}
