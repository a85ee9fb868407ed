import type { ReactNode } from 'react';
import { ModalDialog } from './ModalDialog';

/** A modal question. Esc or Cancel says no; focus starts on Cancel so Enter does not destroy. */
export function ConfirmDialog(props: { title: string; children: ReactNode; confirmLabel: string; danger?: boolean; onConfirm(): void; onCancel(): void }) {
  return (
    <ModalDialog labelledBy="dialog-title" initialFocus="button[data-cancel]" onClose={props.onCancel}>
      <h2 id="dialog-title">{props.title}</h2>
      <div className="dialog-body">{props.children}</div>
      <div className="dialog-actions">
        <button type="button" data-cancel onClick={props.onCancel}>
          Cancel
        </button>
        <button type="button" className={props.danger ? 'danger' : 'primary'} onClick={props.onConfirm}>
          {props.confirmLabel}
        </button>
      </div>
    </ModalDialog>
  );
}
