// TanStack's core row model makes a row for every item whenever the data changes: at 100,000
// records and one update a frame that is most of the frame. This one is for data that grows at
// its end (a read streaming in) and may drop from its start (a capped tail): it keeps the rows it
// made and makes rows only for what arrived, so an update costs what arrived. Anything else (a
// new read, an edit in the middle) builds every row again, as TanStack's does.
import { createRow, type Row, type RowData, type RowModel, type Table } from '@tanstack/react-table';

export function appendRowModel<T extends RowData>(): (table: Table<T>) => () => RowModel<T> {
  return (table) => {
    let data: readonly T[] = [];
    let rows: Row<T>[] = [];
    let rowsById: Record<string, Row<T>> = {};
    let model: RowModel<T> = { rows, flatRows: rows, rowsById };
    const make = (next: readonly T[], from: number) => {
      for (let i = from; i < next.length; i++) {
        const row = createRow(table, table._getRowId(next[i]!, i), next[i]!, i, 0);
        rows.push(row);
        rowsById[row.id] = row;
      }
    };
    return () => {
      const next = table.options.data;
      if (next === data) return model;
      // How many of the old items left the start, if the old ones that stayed are still in order.
      const dropped = data.length && next.length ? data.indexOf(next[0]!) : -1;
      const kept = data.length - dropped;
      if (dropped >= 0 && kept <= next.length && next[kept - 1] === data[data.length - 1]) {
        for (const row of rows.slice(0, dropped)) delete rowsById[row.id];
        rows = rows.slice(dropped);
        make(next, kept);
      } else {
        rows = [];
        rowsById = {};
        make(next, 0);
      }
      data = next;
      // A new model object, so the sorted and filtered models after it know it changed.
      model = { rows, flatRows: rows, rowsById };
      return model;
    };
  };
}
