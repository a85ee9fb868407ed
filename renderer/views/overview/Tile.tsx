// One figure of the Overview: a label, the figure, a line under it, and, when it opens a list, a
// button (so the keyboard reaches it and Enter opens it like a click).
import type { ReactNode } from 'react';

export function Tile({ label, keepCase, children, sub, level, title, onOpen, testId }: {
  label: string;
  /** Kafka's own word (a group state): shown as Kafka writes it, not in capitals. */
  keepCase?: boolean;
  children: ReactNode;
  sub?: string | undefined;
  /** Colours the figure: warn or error when something needs looking at. */
  level?: 'ok' | 'warn' | 'error' | undefined;
  title?: string | undefined;
  onOpen?: (() => void) | undefined;
  testId?: string;
}) {
  const body = (
    <>
      <div className={`tile-label${keepCase ? ' keep-case' : ''}`}>{label}</div>
      <div className={`tile-value${level ? ` health ${level}` : ''}`}>{children}</div>
      {sub ? <div className="tile-sub muted small">{sub}</div> : null}
    </>
  );
  return onOpen ? (
    <button type="button" className="tile tile-open" onClick={onOpen} title={title} data-testid={testId}>{body}</button>
  ) : (
    <div className="tile" title={title} data-testid={testId}>{body}</div>
  );
}
