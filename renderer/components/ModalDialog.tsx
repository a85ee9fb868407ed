import { useEffect, useRef, type ReactNode } from 'react';

/**
 * A native modal <dialog>, shown when mounted so focus is trapped and the page behind is inert.
 * Esc calls onClose instead of closing it behind React's back; with closeOnBackdrop, so does a click
 * outside. initialFocus picks the element to focus first (by selector) when autoFocus can't.
 */
export function ModalDialog(props: {
  className?: string;
  label?: string;
  labelledBy?: string;
  closeOnBackdrop?: boolean;
  initialFocus?: string;
  onClose(): void;
  children: ReactNode;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    if (props.initialFocus) dialog?.querySelector<HTMLElement>(props.initialFocus)?.focus();
  }, [props.initialFocus]);
  return (
    <dialog
      ref={ref}
      className={props.className ? `dialog ${props.className}` : 'dialog'}
      aria-label={props.label}
      aria-labelledby={props.labelledBy}
      onCancel={(event) => {
        event.preventDefault();
        props.onClose();
      }}
      onClick={props.closeOnBackdrop ? (event) => event.target === ref.current && props.onClose() : undefined}
    >
      {props.children}
    </dialog>
  );
}
