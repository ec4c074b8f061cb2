import { useState } from 'react';

/** Which form of a list is open: none, the form of a new item, or the edit form of one item. */
type OpenForm = null | 'new' | { id: string };

/** The one form a list of editable items shows at a time. */
export function useOpenForm() {
  const [open, setOpen] = useState<OpenForm>(null);
  return {
    isNew: open === 'new',
    /** The item whose edit form is open, if any. */
    editingId: open !== null && open !== 'new' ? open.id : null,
    openNew: () => setOpen('new'),
    openEdit: (id: string) => setOpen({ id }),
    close: () => setOpen(null),
  };
}
