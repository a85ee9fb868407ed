// A table's column sizes, hidden columns and sort, remembered per table in localStorage, so a table
// opens as its user left it. A stored value that does not parse is ignored, never fatal.
import type { ColumnSizingState, SortingState, VisibilityState } from '@tanstack/react-table';

export interface TableSettings {
  sorting: SortingState;
  sizing: ColumnSizingState;
  visibility: VisibilityState;
}

const key = (id: string) => `brook.table.${id}`;

export function loadTableSettings(id: string): TableSettings {
  const none: TableSettings = { sorting: [], sizing: {}, visibility: {} };
  try {
    const stored = JSON.parse(localStorage.getItem(key(id)) ?? 'null') as Partial<TableSettings> | null;
    if (!stored || typeof stored !== 'object') return none;
    return {
      sorting: Array.isArray(stored.sorting) ? stored.sorting : [],
      sizing: stored.sizing && typeof stored.sizing === 'object' ? stored.sizing : {},
      visibility: stored.visibility && typeof stored.visibility === 'object' ? stored.visibility : {},
    };
  } catch {
    return none;
  }
}

export function saveTableSettings(id: string, settings: TableSettings): void {
  try {
    localStorage.setItem(key(id), JSON.stringify(settings));
  } catch {
    // Storage full or disabled: the table still works, it just forgets.
  }
}
