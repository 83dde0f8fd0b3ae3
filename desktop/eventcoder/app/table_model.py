"""The part every table model here shares: ``rows`` shown under fixed ``COLUMNS``."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt

ROOT = QModelIndex()


class RowsTableModel(QAbstractTableModel):
    COLUMNS: tuple[str, ...] = ()

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.rows: list[Any] = []

    def rowCount(self, parent=ROOT) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=ROOT) -> int:
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.COLUMNS[section]
        return None

    def row_changed(self, row: int) -> None:
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.COLUMNS) - 1))

    def update_changed_rows(self, fresh: list[Any]) -> bool:
        """Show ``fresh`` in place of the rows, repainting only those that changed, when it holds the same rows
        (by ``id``) in the same order; False (nothing done) when it does not: the caller resets instead."""
        if [r.id for r in fresh] != [r.id for r in self.rows]:
            return False
        for row, (old, new) in enumerate(zip(self.rows, fresh, strict=True)):
            if old != new:
                self.rows[row] = new
                self.row_changed(row)
        return True
