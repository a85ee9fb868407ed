// Which columns a table shows: a button that opens the list of its columns with a check each.
import { useEffect, useRef, useState } from 'react';
import type { Table } from '@tanstack/react-table';

export function ColumnsMenu<T>({ table }: { table: Table<T> }) {
  const [open, setOpen] = useState(false);
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    const away = (event: MouseEvent) => box.current && !box.current.contains(event.target as Node) && setOpen(false);
    const esc = (event: globalThis.KeyboardEvent) => event.key === 'Escape' && setOpen(false);
    document.addEventListener('mousedown', away);
    document.addEventListener('keydown', esc);
    return () => {
      document.removeEventListener('mousedown', away);
      document.removeEventListener('keydown', esc);
    };
  }, [open]);
  return (
    <div className="columns-menu" ref={box}>
      <button type="button" className="small-button" aria-expanded={open} onClick={() => setOpen(!open)} data-testid="columns-button">
        Columns
      </button>
      {open ? (
        <div className="menu" role="menu">
          {table.getAllLeafColumns().filter((c) => c.getCanHide()).map((column) => (
            <label key={column.id} className="check menu-item">
              <input type="checkbox" checked={column.getIsVisible()} onChange={column.getToggleVisibilityHandler()} />
              <span>{typeof column.columnDef.header === 'string' ? column.columnDef.header : column.id}</span>
            </label>
          ))}
        </div>
      ) : null}
    </div>
  );
}
