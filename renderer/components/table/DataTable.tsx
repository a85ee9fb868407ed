// The one table of the explorer (TanStack Table for the model, TanStack Virtual for the rows): only
// the rows in view are in the DOM, so 10,000 topics scroll like 10. Sort by a header, filter by the
// text given, resize and hide columns (remembered per table), a sticky header, arrow keys through
// rows and cells, Enter or a click opens a row, Ctrl+C copies the active cell.
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import {
  flexRender,
  getCoreRowModel,
  getFilteredRowModel,
  getSortedRowModel,
  useReactTable,
  type ColumnDef,
  type RowData,
} from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import { appendRowModel } from './append-row-model';
import { ColumnsMenu } from './ColumnsMenu';
import { loadTableSettings, saveTableSettings } from './table-settings';

declare module '@tanstack/react-table' {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  interface ColumnMeta<TData extends RowData, TValue> {
    /** Right-aligned, tabular figures. */
    numeric?: boolean;
    /** The text Ctrl+C copies (default: the cell's value). */
    copy?: (row: TData) => string;
    /** Matched by the table's filter text. */
    filterable?: boolean;
  }
}

export interface DataTableProps<T> {
  /** Names the table's remembered settings (column sizes, hidden columns, sort). */
  id: string;
  data: T[];
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  columns: ColumnDef<T, any>[];
  rowId(row: T): string;
  filter?: string;
  onOpen?(row: T): void;
  /** The row shown as opened (its drawer is open). */
  openId?: string | undefined;
  empty?: string;
  testId?: string;
  /** The data only grows at its end and drops from its start (a stream): rows are made only for what arrived. */
  appendOnly?: boolean;
  /** false: headers do not sort (a sort of a buffer that changes every frame would run every frame). */
  sortable?: boolean;
}

const ROW_HEIGHT = 30;

export function DataTable<T>({ id, data, columns, rowId, filter = '', onOpen, openId, empty = 'Nothing to show', testId, appendOnly = false, sortable = true }: DataTableProps<T>) {
  const initial = useMemo(() => loadTableSettings(id), [id]);
  const [sorting, setSorting] = useState(initial.sorting);
  const [columnSizing, setColumnSizing] = useState(initial.sizing);
  const [columnVisibility, setColumnVisibility] = useState(initial.visibility);
  const [active, setActive] = useState({ row: 0, col: 0 });
  const [copied, setCopied] = useState<string | null>(null);
  useEffect(() => saveTableSettings(id, { sorting, sizing: columnSizing, visibility: columnVisibility }), [id, sorting, columnSizing, columnVisibility]);

  const table = useReactTable({
    data,
    columns,
    state: { sorting, columnSizing, columnVisibility, globalFilter: filter },
    onSortingChange: setSorting,
    onColumnSizingChange: setColumnSizing,
    onColumnVisibilityChange: setColumnVisibility,
    getRowId: (row) => rowId(row),
    getCoreRowModel: useMemo(() => (appendOnly ? appendRowModel<T>() : getCoreRowModel<T>()), [appendOnly]),
    getSortedRowModel: getSortedRowModel(),
    getFilteredRowModel: getFilteredRowModel(),
    // Unfiltered, TanStack's filtered model still visits every row on each change: a stream skips it.
    manualFiltering: appendOnly && !filter,
    getColumnCanGlobalFilter: (column) => column.columnDef.meta?.filterable === true,
    globalFilterFn: 'includesString',
    enableSorting: sortable,
    columnResizeMode: 'onChange',
    enableColumnResizing: true,
  });
  const rows = table.getRowModel().rows;
  const visible = table.getVisibleLeafColumns();
  const scroller = useRef<HTMLDivElement>(null);
  const virtual = useVirtualizer({ count: rows.length, getScrollElement: () => scroller.current, estimateSize: () => ROW_HEIGHT, overscan: 12 });
  const template = visible.map((c) => `${c.getSize()}px`).join(' ') + ' 1fr';

  const at = { row: Math.min(active.row, Math.max(0, rows.length - 1)), col: Math.min(active.col, Math.max(0, visible.length - 1)) };
  const move = (row: number, col: number) => {
    const next = { row: Math.max(0, Math.min(rows.length - 1, row)), col: Math.max(0, Math.min(visible.length - 1, col)) };
    setActive(next);
    virtual.scrollToIndex(next.row, { align: 'auto' });
  };
  const cellText = (rowIndex: number, colIndex: number): string => {
    const row = rows[rowIndex];
    const column = visible[colIndex];
    if (!row || !column) return '';
    const copy = column.columnDef.meta?.copy;
    return copy ? copy(row.original) : String(row.getValue(column.id) ?? '');
  };
  const page = Math.max(1, Math.floor((scroller.current?.clientHeight ?? 300) / ROW_HEIGHT) - 1);
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const keys: Record<string, () => void> = {
      ArrowDown: () => move(at.row + 1, at.col),
      ArrowUp: () => move(at.row - 1, at.col),
      ArrowRight: () => move(at.row, at.col + 1),
      ArrowLeft: () => move(at.row, at.col - 1),
      PageDown: () => move(at.row + page, at.col),
      PageUp: () => move(at.row - page, at.col),
      Home: () => move(0, at.col),
      End: () => move(rows.length - 1, at.col),
      Enter: () => rows[at.row] && onOpen?.(rows[at.row].original),
    };
    if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'c') {
      const text = cellText(at.row, at.col);
      void navigator.clipboard?.writeText(text).catch(() => undefined);
      setCopied(text);
      setTimeout(() => setCopied(null), 1200);
      event.preventDefault();
      return;
    }
    const act = keys[event.key];
    if (!act) return;
    act();
    event.preventDefault();
  };

  return (
    <div className="data-table" data-testid={testId} data-rows={rows.length}>
      <div className="data-table-tools">
        <span className="muted small" data-testid={testId ? `${testId}-count` : undefined}>
          {rows.length === data.length ? `${rows.length.toLocaleString()} rows` : `${rows.length.toLocaleString()} of ${data.length.toLocaleString()} rows`}
        </span>
        {copied !== null ? <span className="muted small" role="status">Copied “{copied.slice(0, 60)}”</span> : null}
        <span className="grow" />
        <ColumnsMenu table={table} />
      </div>
      <div className="data-table-scroll" ref={scroller} role="grid" aria-rowcount={rows.length + 1} tabIndex={0} onKeyDown={onKeyDown}>
        <div className="dt-head" role="row" style={{ gridTemplateColumns: template }}>
          {table.getFlatHeaders().filter((h) => h.column.getIsVisible()).map((header) => {
            const sorted = header.column.getIsSorted();
            return (
              <div key={header.id} role="columnheader" aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : 'none'}
                className={`dt-th${header.column.columnDef.meta?.numeric ? ' num' : ''}`}>
                <button type="button" className="dt-sort" onClick={header.column.getToggleSortingHandler()} tabIndex={-1} title={sortable ? undefined : 'Sorting is off while the rows stream in'}>
                  {flexRender(header.column.columnDef.header, header.getContext())}
                  <span className="dt-arrow" aria-hidden="true">{sorted === 'asc' ? '▲' : sorted === 'desc' ? '▼' : ''}</span>
                </button>
                <span className="dt-resizer" onMouseDown={header.getResizeHandler()} onDoubleClick={() => header.column.resetSize()} aria-hidden="true" />
              </div>
            );
          })}
        </div>
        {rows.length === 0 ? <div className="dt-empty muted">{empty}</div> : null}
        <div style={{ height: virtual.getTotalSize(), position: 'relative' }}>
          {virtual.getVirtualItems().map((item) => {
            const row = rows[item.index];
            const isOpen = openId !== undefined && row.id === openId;
            return (
              <div key={row.id} role="row" aria-rowindex={item.index + 2} aria-selected={isOpen} data-row-id={row.id}
                className={`dt-row${item.index === at.row ? ' active' : ''}${isOpen ? ' open' : ''}`}
                style={{ gridTemplateColumns: template, transform: `translateY(${item.start}px)`, height: ROW_HEIGHT }}
                onClick={() => {
                  setActive({ row: item.index, col: at.col });
                  onOpen?.(row.original);
                }}>
                {row.getVisibleCells().map((cell, colIndex) => (
                  <div key={cell.id} role="gridcell" className={`dt-td${cell.column.columnDef.meta?.numeric ? ' num' : ''}${item.index === at.row && colIndex === at.col ? ' active-cell' : ''}`}>
                    {flexRender(cell.column.columnDef.cell, cell.getContext())}
                  </div>
                ))}
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
