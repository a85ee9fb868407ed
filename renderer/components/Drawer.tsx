// The detail drawer: what a row opens, on the right, over the screen's table without hiding it.
// Esc or the close button closes it; focus moves into it when it opens.
import { useEffect, useRef, type ReactNode } from 'react';

export function Drawer({ title, subtitle, onClose, children, testId = 'drawer' }: { title: ReactNode; subtitle?: ReactNode; onClose(): void; children: ReactNode; testId?: string }) {
  const panel = useRef<HTMLElement>(null);
  useEffect(() => {
    panel.current?.focus();
    // A dialog opened from the drawer takes its own Esc.
    const esc = (event: KeyboardEvent) => event.key === 'Escape' && !event.defaultPrevented && !document.querySelector('dialog[open]') && onClose();
    window.addEventListener('keydown', esc);
    return () => window.removeEventListener('keydown', esc);
  }, [onClose]);
  return (
    <aside className="drawer" ref={panel} tabIndex={-1} aria-label={typeof title === 'string' ? title : 'Details'} data-testid={testId}>
      <header className="drawer-head">
        <div>
          <h2>{title}</h2>
          {subtitle ? <div className="muted small">{subtitle}</div> : null}
        </div>
        <button type="button" className="icon-button" onClick={onClose} aria-label="Close">
          ×
        </button>
      </header>
      <div className="drawer-body">{children}</div>
    </aside>
  );
}
