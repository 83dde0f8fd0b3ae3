"""Adjudication in the window: the sentences where annotators differ, their codings side by side, one key to take
one into the curated layer (the domain rules are :mod:`eventcoder.core.team.curation`'s; this only shows them).

Keys: 1–9 take that annotator's coding · 0 no event here · E edit the taken coding in the event editor ·
J / ↓ next · K / ↑ previous · N next undecided · R re-read the annotators' codings · Ctrl+Z undo · Esc close.
Codings everyone agrees on go in at once when the view opens (one undoable step). Every choice is a core command
on the window's undo stack, journalled like any change.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QInputDialog,
    QLabel,
    QProgressBar,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..core.errors import EventCoderError
from ..core.store import Project
from ..core.team import curation
from ..core.team.agreement import LEVELS, Agreement, from_projects
from . import dialogs
from .styles import CHOSEN_ROW

if TYPE_CHECKING:
    from .jobs import IoJob, PackageOutcome
    from .main_window import MainWindow

HINT = ("1–9 take that coding · 0 no event · E edit the taken coding · J/K next/previous · N next undecided · "
        "R re-read the codings · Ctrl+Z undo · Esc close")
PAIRED = {"first": "—", "trigger": "same trigger", "best match": "best match"}  # how a coding joined its slot
COLUMNS = ("Key", "Annotator", "Code", "Label", "Source", "Target", "Trigger", "Paired by")


class AdjudicationView(QDialog):
    """The curation view over the window's project (see the module's doc)."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window_ = window
        self.session = window.session
        self.setObjectName("adjudication")
        self.setWindowTitle("Adjudicate annotators' differences")
        self.resize(980, 520)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.progress_label = QLabel()
        self.progress_label.setObjectName("adjudication_progress")
        self.progress = QProgressBar()
        self.progress.setTextVisible(False)
        self.progress.setMaximumHeight(8)
        self.where = QLabel()
        self.where.setStyleSheet("color: #555")
        self.sentence = QLabel()
        self.sentence.setObjectName("adjudication_sentence")
        self.sentence.setWordWrap(True)
        self.sentence.setTextFormat(Qt.TextFormat.RichText)
        self.sentence.setStyleSheet("font-size: 12pt; padding: 8px; background: #fafafa; border: 1px solid #ddd")
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setObjectName("adjudication_codings")
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.verticalHeader().hide()
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.decision_label = QLabel()
        self.decision_label.setObjectName("adjudication_decision")
        hint = QLabel(HINT)
        hint.setStyleSheet("color: #555")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        for button in buttons.buttons():
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        layout = QVBoxLayout(self)
        for widget in (self.progress_label, self.progress, self.where, self.sentence, self.table,
                       self.decision_label, hint, buttons):
            layout.addWidget(widget)
        self.index = 0
        self.cur: curation.Curation | None = None
        self.loading = False
        self.session.documentEdited.connect(self._edited)

    # ------------------------------------------------------------------ data

    @property
    def items(self) -> list[curation.CurationItem]:
        return self.cur.differing if self.cur is not None else []

    def load(self) -> None:
        """Read the slots in the background (a connection of its own); then take the agreed codings at once (one
        undoable step) and show the first undecided one."""
        self.loading = True
        self.sentence.setText("Reading the annotators' codings…")
        self.window_.workers.start(curation_job, self.session.project.path, self.session.scheme,
                                   on_done=self._loaded, on_error=self._failed, kind="export")

    def _failed(self, exc: BaseException) -> None:
        self.loading = False
        self.sentence.setText(f"Cannot read the codings: {html.escape(str(exc) or type(exc).__name__)}")

    def _loaded(self, cur: curation.Curation) -> None:
        keep = self._key(self.current())
        project = self.session.project
        self.cur, self.loading = cur, False
        agreed = curation.take_agreed(project, cur)
        if agreed is not None:
            self.session.do(agreed, any_layer=True)
        curation.refresh_decisions(project, cur)
        keys = [self._key(i) for i in self.items]
        first = next((i for i, item in enumerate(self.items) if not item.decided), 0)
        self.index = keys.index(keep) if keep in keys else first
        self.show_item()

    def _edited(self, _doc_id: int) -> None:
        if self.cur is None or self.loading or not self.isVisible():
            return
        curation.refresh_decisions(self.session.project, self.cur)  # the slots stay; their decisions may not
        self.show_item()

    def reload(self) -> None:
        """R: read the slots again (an annotator's codings changed), keeping the one on screen."""
        if not self.loading:
            self.load()

    @staticmethod
    def _key(item: curation.CurationItem | None) -> tuple | None:
        if item is None:
            return None
        return (item.slot.sha256, item.slot.sentence,
                tuple(sorted(m.event_id for m in item.slot.members.values() if m is not None)))

    def current(self) -> curation.CurationItem | None:
        items = self.items
        return items[self.index] if 0 <= self.index < len(items) else None

    # ------------------------------------------------------------------ showing

    def show_item(self) -> None:
        if self.cur is None:
            return
        decided, total = self.cur.progress()
        agreed = sum(i.agreed for i in self.cur.items)
        self.progress_label.setText(
            f"<b>{decided} of {total}</b> differing coding(s) decided · {agreed} agreed taken at once"
            + (f" · showing {self.index + 1} of {total}" if total else ""))
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(decided)
        item = self.current()
        self.table.setRowCount(0)
        if item is None:
            self.where.setText("")
            self.sentence.setText("Nothing to adjudicate: the annotators agree everywhere (or only one coded).")
            self.decision_label.setText("")
            return
        self.where.setText(f"{html.escape(item.document_title)} · characters {item.slot.sentence[0]}–"
                           f"{item.slot.sentence[1]}")
        self.sentence.setText(self._sentence_html(item))
        scheme = self.session.scheme
        rows = [*item.codings(), ("(no event)", None)]
        self.table.setRowCount(len(rows))
        for r, (who, coding) in enumerate(rows):
            is_none = who == "(no event)"
            key = "0" if is_none else str(r + 1)
            if coding is None:
                cells = [key, who if not is_none else "— nobody: there is no event here", "no event", "", "", "", "",
                         "missing" if not is_none else ""]
            else:
                cells = [key, who, coding.code, scheme.label(coding.code) or "", coding.source or "",
                         coding.target or "", coding.trigger_text or "", PAIRED.get(item.slot.how.get(who, ""), "")]
            chosen = (item.decided and ((is_none and item.chosen is None) or (not is_none and item.chosen == who)))
            for c, text in enumerate(cells):
                cell = QTableWidgetItem(("✓ " if chosen and c == 0 else "") + text)
                if chosen:
                    cell.setBackground(QColor(CHOSEN_ROW))
                    font = cell.font()
                    font.setBold(True)
                    cell.setFont(font)
                self.table.setItem(r, c, cell)
        self.table.resizeColumnsToContents()
        if item.decided:
            taken = item.chosen or "no event"
            self.decision_label.setText(f"Decided: <b>{html.escape(taken)}</b> (by "
                                        f"{html.escape(str(item.decision.get('annotator')))}); a key changes it")
        else:
            self.decision_label.setText("Not decided yet")

    def _sentence_html(self, item: curation.CurationItem) -> str:
        doc = self.session.project.documents_by_sha([item.slot.sha256])[item.slot.sha256]
        text: str = doc["text"]
        start, end = item.slot.sentence
        marks = sorted({m.trigger for m in item.slot.members.values() if m is not None and m.trigger})
        out, pos = [], start
        for a, b in marks:
            if a < pos or b > end:
                continue
            out.append(html.escape(text[pos:a]))
            out.append(f"<b><u>{html.escape(text[a:b])}</u></b>")
            pos = b
        out.append(html.escape(text[pos:end]))
        return "".join(out).strip()

    # ------------------------------------------------------------------ keys

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt's name)
        if self.loading or self.cur is None:
            return
        key, text = event.key(), event.text()
        ctrl = bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)
        if ctrl and key == Qt.Key.Key_Z:
            self.undo()
        elif ctrl and key == Qt.Key.Key_Y:
            self.session.redo()
        elif text.isdigit() and not ctrl:
            self.take(int(text))
        elif key in (Qt.Key.Key_J, Qt.Key.Key_Down, Qt.Key.Key_Right):
            self.step(1)
        elif key in (Qt.Key.Key_K, Qt.Key.Key_Up, Qt.Key.Key_Left):
            self.step(-1)
        elif key == Qt.Key.Key_N:
            self.next_undecided()
        elif key == Qt.Key.Key_R:
            self.reload()
        elif key == Qt.Key.Key_E:
            self.edit()
        else:
            super().keyPressEvent(event)

    def undo(self) -> None:
        """Ctrl+Z: undo the newest step (the window's stack) and show the coding it undecided, if any."""
        before = {self._key(i) for i in self.items if i.decided}
        self.session.undo()
        keys = [self._key(i) for i in self.items]
        undone = next((n for n, i in enumerate(self.items) if keys[n] in before and not i.decided), None)
        if undone is not None:
            self.index = undone
            self.show_item()

    def step(self, by: int) -> None:
        """J/K: the next (1) or previous (-1) differing coding."""
        if self.items:
            self.index = max(0, min(len(self.items) - 1, self.index + by))
            self.show_item()

    def next_undecided(self) -> None:
        items = self.items
        order = list(range(self.index + 1, len(items))) + list(range(0, self.index + 1))
        found = next((i for i in order if not items[i].decided), None)
        if found is not None:
            self.index = found
        self.show_item()

    def edit(self) -> None:
        """E: the chosen coding in the window's event editor, to change it there (the curated event itself)."""
        item = self.current()
        if item is None or item.decision is None or item.chosen is None:
            self.window_.show_message("Take a coding first (1–9), then E edits it in the event editor")
            return
        self.window_.open_document(item.document_id)
        self.session.set_current_event(int(item.decision["id"]))
        self.window_.activateWindow()
        self.window_.coding.edit_event()

    def take(self, number: int) -> None:
        """Key ``number``: 1… an annotator's coding (in the table's order), 0 no event."""
        item = self.current()
        if item is None:
            return
        names = list(item.slot.members)
        project = self.session.project
        if number == 0:
            command = curation.choose_none(project, item)
        elif number <= len(names):
            command = curation.choose(project, item, names[number - 1])
        else:
            self.window_.show_message(f"no coding {number} here (1–{len(names)}, or 0 for no event)")
            return
        if self.session.do(command, document_id=item.document_id, any_layer=True) is not None:
            self.next_undecided()


def curation_job(_worker, db_path, scheme) -> curation.Curation:
    """In a worker: the project's slots and decisions, read through a connection of the worker's own."""
    with Project(db_path, readonly=True) as project:
        return curation.load(project, lambda code: scheme.root(code))


def team_job(_worker, db_path, scheme) -> tuple[list[dict], Agreement]:
    """In a worker: the team picture's rows and the agreement over the project."""
    with Project(db_path, readonly=True) as project:
        return project.team_picture(), from_projects([project], lambda code: scheme.root(code))


def open_view(window: MainWindow) -> AdjudicationView:
    """Code ▸ Adjudicate…: the view, shown (not modal: the article stays usable); its slots load in the
    background."""
    view = getattr(window, "adjudication_view", None)
    if view is None:
        view = window.adjudication_view = AdjudicationView(window)
    view.load()
    view.show()
    view.raise_()
    view.activateWindow()
    view.setFocus()
    return view


# ---------------------------------------------------------------------------- the team picture


class TeamView(QDialog):
    """Per annotator: documents done, events coded; agreement by level (α, κ, AC1) over this file; by month."""

    def __init__(self, window: MainWindow, people: list[dict], result: Agreement) -> None:
        super().__init__(window)
        self.setObjectName("team_picture")
        self.setWindowTitle("Team and agreement")
        self.resize(860, 560)
        self.people = QTableWidget(len(people), 6)
        self.people.setObjectName("team_people")
        self.people.setHorizontalHeaderLabels(["Annotator", "Documents done", "Documents with events", "Accepted",
                                               "Rejected", "Coded from – to"])
        for r, row in enumerate(people):
            cells = [row["who"], row["documents_done"], row["documents"], row["accepted"], row["rejected"],
                     f"{row['first_day'] or ''} – {row['last_day'] or ''}"]
            for c, value in enumerate(cells):
                self.people.setItem(r, c, QTableWidgetItem(str(value)))
        self.people.resizeColumnsToContents()
        self.result = result
        two = len(result.annotators) == 2
        self.figures = QTableWidget(len(LEVELS), 5)
        self.figures.setObjectName("team_agreement")
        self.figures.setHorizontalHeaderLabels(["Level", "Units", "α", "κ" if two else "κ (two only)", "AC1"])

        def fmt(x: float | None) -> str:
            return "–" if x is None else f"{x:.3f}"

        for r, level in enumerate(LEVELS):
            f = result.figures[level]
            for c, value in enumerate([level, str(f.units), fmt(f.alpha), fmt(f.kappa), fmt(f.ac1)]):
                self.figures.setItem(r, c, QTableWidgetItem(value))
        self.figures.resizeColumnsToContents()
        self.figures.setMinimumHeight(self.figures.horizontalHeader().height() + 32 * len(LEVELS))
        self.figures.setToolTip("Double-click a level: every unit, which events were paired, which counted missing")
        self.figures.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.figures.cellDoubleClicked.connect(lambda row, _col: self.explain(LEVELS[row]))
        months = result.by_month()
        self.months = QTableWidget(len(months), 1 + len(LEVELS) - 1)
        self.months.setObjectName("team_months")
        self.months.setHorizontalHeaderLabels(["Coded in", *(f"α {lv}" for lv in LEVELS[1:])])
        for r, (month, alphas) in enumerate(months):
            self.months.setItem(r, 0, QTableWidgetItem(month))
            for c, level in enumerate(LEVELS[1:], start=1):
                self.months.setItem(r, c, QTableWidgetItem(fmt(alphas.get(level))))
        self.months.resizeColumnsToContents()
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("<b>Annotators</b>"))
        layout.addWidget(self.people)
        layout.addWidget(QLabel(f"<b>Agreement</b> over {result.documents} document(s) coded by two or more "
                                f"({', '.join(result.annotators) or 'nobody yet'}): units are sentences"))
        layout.addWidget(self.figures)
        layout.addWidget(QLabel("<b>Over time</b> (by the month the later of each pair was coded)"))
        layout.addWidget(self.months)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)


    def explain(self, level: str) -> QDialog:
        """The units behind one level's figures (as ``eventcoder agreement --explain LEVEL``)."""
        units = self.result.explain(level)
        names = self.result.annotators
        dialog = QDialog(self)
        dialog.setObjectName(f"explain_{level}")
        dialog.setWindowTitle(f"Agreement: the {level} level, unit by unit")
        dialog.resize(980, 520)
        table = QTableWidget(len(units), 2 + len(names))
        table.setObjectName("explain_units")
        table.setHorizontalHeaderLabels(["Sentence", "Agree", *names])
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        texts = {(u.sha256, u.sentence): u.text for u in self.result.units}
        for r, unit in enumerate(units):
            text = texts.get((unit["sha256"], tuple(unit["sentence"])), "")
            values = [v for v in unit["values"].values() if v is not None]
            table.setItem(r, 0, QTableWidgetItem(text[:90]))
            table.setItem(r, 1, QTableWidgetItem("yes" if len(set(values)) <= 1 else "no"))
            for c, who in enumerate(names, start=2):
                value = unit["values"].get(who)
                coding = unit.get("codings", {}).get(who)
                if value is None:
                    shown = "(not coded)"
                elif isinstance(coding, dict):
                    how = "" if coding["paired_by"] == "first" else f", {PAIRED.get(coding['paired_by'], '')}"
                    shown = f"{value}  · event {coding['event_id']}{how}"
                elif coding in ("missing", "rejected"):
                    shown = f"{value}  · {coding}"
                else:
                    shown = value
                table.setItem(r, c, QTableWidgetItem(shown))
        table.resizeColumnsToContents()
        layout = QVBoxLayout(dialog)
        how = QLabel(self.result.as_dict(explain=False)["pairing"].capitalize() + ".")
        how.setTextFormat(Qt.TextFormat.PlainText)
        how.setWordWrap(True)
        layout.addWidget(how)
        layout.addWidget(table)
        dialog.show()
        return dialog


def show_team(window: MainWindow) -> None:
    """View ▸ Team and agreement: computed in the background, shown when ready."""
    def ready(found: tuple[list[dict], Agreement]) -> None:
        window.team_view = TeamView(window, *found)
        window.team_view.show()

    def failed(exc: BaseException) -> None:
        dialogs.show_error(window, "Team and agreement", str(exc) or type(exc).__name__)

    window.workers.start(team_job, window.session.project.path, window.session.scheme, on_done=ready,
                         on_error=failed, kind="export")


def ask_package(parent: QWidget) -> tuple[list[str], bool, int] | None:
    """File ▸ Export for an annotator: the names (comma-separated), and whether to split the documents and how
    many to give everyone; None when cancelled."""
    text, ok = QInputDialog.getText(parent, "Export for annotators",
                                    "Annotators' names, separated by commas (one project file each):")
    names = [n.strip() for n in text.split(",") if n.strip()]
    if not ok or not names:
        return None
    everything = "Every annotator gets every document"
    choice, ok = QInputDialog.getItem(parent, "Export for annotators", "Documents:",
                                      [everything, "Share the documents out in turn"], 0, False)
    if not ok:
        return None
    if choice == everything:
        return names, False, 0
    overlap, ok = QInputDialog.getInt(parent, "Export for annotators",
                                      "How many documents (the first ones) go to everyone, to measure agreement on:",
                                      0, 0, 1_000_000)
    return (names, True, overlap) if ok else None


def export_for_annotator(window: MainWindow) -> IoJob | None:
    """File ▸ Export for an annotator…: a copy of the project (documents, scheme, model) for each name, written in
    the background (:func:`start_package`)."""
    from .main_window import exports_dir

    asked = ask_package(window)
    if asked is None:
        return None
    names, split, overlap = asked
    folder = dialogs.ask_export_folder(window, exports_dir(window.session.project.path))
    if not folder:
        return None
    return start_package(window, folder, names, split=split, overlap=overlap)


def start_package(window: MainWindow, folder: str, names: list[str], *, split: bool = False, overlap: int = 0
                  ) -> IoJob | None:
    """The copies written in the background (``jobs.package_job``) behind a progress dialog with Cancel (the
    copies made are removed then); the job, or None while another import or export runs."""

    def done(outcome: PackageOutcome) -> None:
        if outcome.cancelled:
            window.show_message(f"Export for an annotator cancelled: nothing was left in {outcome.folder}")
            return
        window.show_message(f"{len(outcome.made)} project file(s) written to {outcome.folder}: "
                            + ", ".join(p.name for p in outcome.made.values()))

    def failed(exc: BaseException) -> None:
        dialogs.show_error(window, "Export for an annotator", str(exc) if isinstance(exc, EventCoderError)
                           else f"{type(exc).__name__}: {exc}")

    job = window.io.start_package(window.session.project.path, folder, names, split=split, overlap=overlap,
                                  on_done=done, on_error=failed)
    if job is None:
        window.show_message("Busy: an import or export is running (cancel it or wait)")
    return job
