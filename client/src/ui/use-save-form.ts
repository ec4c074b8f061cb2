import { useState, type FormEvent } from 'react';
import { errorMessage } from '../lib/error-message';

/** A body built from a form's draft, or why it cannot be sent. */
export type Built<T> = { ok: true; body: T } | { ok: false; error: string };

interface Mutation {
  isPending: boolean;
  error: unknown;
  reset: () => void;
}

/**
 * The save of a create-or-edit form: the draft's problem (found here) or the server's reason (of the mutation this form
 * uses) as one message, and a submit that builds the body, says what is wrong with it, or hands it to `save`.
 */
export function useSaveForm({ create, update, editing }: { create: Mutation; update: Mutation; editing: boolean }) {
  const [problem, setProblem] = useState<string | null>(null);
  const pending = create.isPending || update.isPending;
  const serverError = editing ? update.error : create.error;
  const error = problem ?? (serverError ? errorMessage(serverError) : null);

  const submit =
    <T>(build: () => Built<T>, save: (body: T) => void) =>
    (event: FormEvent<HTMLFormElement>) => {
      event.preventDefault();
      if (pending) return;
      create.reset();
      update.reset();
      const built = build();
      if (!built.ok) return setProblem(built.error);
      setProblem(null);
      save(built.body);
    };

  return { pending, error, submit };
}
