import type { ReactNode } from 'react';

export interface ShownError {
  code: string;
  message: string;
  hint?: string | undefined;
  detail?: string | undefined;
}

/** An error where the user is looking: what failed, the next step, the detail on demand. */
export function ErrorBox({ error, actions, testId = 'error' }: { error: ShownError; actions?: ReactNode; testId?: string }) {
  return (
    <div className="error-box" role="alert" data-testid={testId} data-code={error.code}>
      <div className="error-title">{error.message}</div>
      {error.hint ? <div className="error-hint">{error.hint}</div> : null}
      {error.detail ? (
        <details>
          <summary>Details ({error.code})</summary>
          <pre>{error.detail}</pre>
        </details>
      ) : null}
      {actions ? <div className="error-actions">{actions}</div> : null}
    </div>
  );
}
