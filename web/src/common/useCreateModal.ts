import { useState } from 'react';

/** The props of a "new …" modal. */
export interface CreateModalProps<R> {
  open: boolean;
  onClose: () => void;
  onCreated: (created: R) => void;
}

/** A "new …" modal's open state: creating closes it, then runs `then` (say, reloads the list). */
export function useCreateModal(then: () => void) {
  const [open, setOpen] = useState(false);
  const props: CreateModalProps<unknown> = {
    open,
    onClose: () => setOpen(false),
    onCreated: () => {
      setOpen(false);
      then();
    },
  };
  return { show: () => setOpen(true), props };
}
