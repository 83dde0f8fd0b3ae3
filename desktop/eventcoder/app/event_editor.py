"""The event editor: source, event code, target (and date, location, mode) of one event.

It edits the session's current event, or a new one started with N. Only the roles the chosen type
takes are shown; required roles (the scheme's rule, in core/session.py) must be filled before Enter commits.
Commits go through the core session's ``new_event`` / ``edit_event``, which hold the rules (a new event's date,
what an unchanged save or a note alone does, how marked words are stored); this widget only shows and asks.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QModelIndex, QSortFilterProxyModel, QStringListModel, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QCompleter,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QToolButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from ..core import commands
from ..core.errors import EventCoderError
from ..core.model import Event, Layer, Origin, Span, Status
from ..core.schemes import MULTI_VALUE_SEP as MULTI_SEP
from ..core.schemes import CodingScheme, join_values, split_values
from ..core.session import (
    RequiredRolesMissing,
    RoleOutsideSentence,
    event_code_for,
    missing_roles,
    role_problem,
    roles_for,
    typed_actor_code,
    typed_event_code,
)
from .alternatives import Alternative, AlternativesProvider, alternatives_for
from .session import CodingSession


@dataclass
class PendingSpan:
    """Text the analyst marked for a role that is not a span yet (created with the event)."""

    start: int
    end: int
    text: str


def _line_with_note(owner: QWidget, placeholder: str, name: str) -> tuple[QLineEdit, QLabel]:
    """A field's line edit with a grey note beside it (the span's words), laid out in ``owner``."""
    line = QLineEdit(placeholderText=placeholder)
    line.setObjectName(name)
    note = QLabel()
    note.setStyleSheet("color: #666")
    layout = QHBoxLayout(owner)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(line, 2)
    layout.addWidget(note, 1)
    return line, note


class ActorField(QWidget):
    """An actor code (typed, with completion) optionally tied to a highlighted span.

    ``picked``: the analyst chose these words for the role (S / T on a selection or highlight) since the field
    was shown, so saving codes them with the typed code; words the field merely showed are never recoded as an
    actor they do not name (core/commands.py ``_settle_role``)."""

    def __init__(self, role: str, parent=None) -> None:
        super().__init__(parent)
        self.role = role
        self.line, self.note = _line_with_note(
            self, "actor code, or select text and press " + role[0].upper(), f"{role}_code")
        self.span_id: int | None = None
        self.pending: PendingSpan | None = None
        self.picked = False
        self._span_code: str | None = None

    def set_span(self, span: Span | None) -> None:
        self.pending = None
        self.picked = False
        self.span_id = span.id if span else None
        self._span_code = span.code if span else None
        self.line.setText(span.code or "" if span else "")
        self.note.setText(f"“{span.text}”" if span else "")

    def pick(self, span: Span, code: str | None = None) -> None:
        """The analyst chose ``span``'s words for this role; a code they typed stays unless the words have one.
        ``code``: the code the words take for the role, whatever they have (a pronoun's, core/mentions.py)."""
        typed = self.line.text() if self.line.isModified() else ""
        self.set_span(span)
        if code is not None:
            self.line.setText(code)
            self.line.setModified(True)
        elif not span.code and typed:
            self.line.setText(typed)
            self.line.setModified(True)
        self.picked = True

    def typed_code(self) -> str | None:
        """The code the analyst typed in the field since it was shown (None: they typed none)."""
        return typed_actor_code(self.line.text()) if self.line.isModified() else None

    def set_pending(self, pending: PendingSpan) -> None:
        self.span_id = None
        self.pending = pending
        self.picked = True
        self._span_code = None
        self.note.setText(f"“{pending.text}” (new)")

    def state(self) -> tuple:
        return self.line.text(), self.span_id, self.pending, self.picked

    def restore(self, state: tuple, span: Span | None) -> None:
        """Back to ``state()`` (what the analyst had typed and picked); ``span`` is its span as now stored."""
        text, span_id, pending, picked = state
        if pending is not None:
            self.set_pending(pending)
        else:
            self.set_span(span if span is not None and span.id == span_id else None)
            self.picked = picked and span_id is not None and self.span_id == span_id
        self.line.setText(text)
        self.line.setModified(True)

    def set_code(self, code: str | None) -> None:
        self.line.setText(code or "")

    def clear(self) -> None:
        self.set_span(None)

    def code(self) -> str | None:
        return typed_actor_code(self.line.text())

    def has_value(self) -> bool:
        return bool(self.code() or self.span_id is not None or self.pending is not None)


class LocationField(QWidget):
    """A place name, typed or taken from a highlighted location span (L on the span, or its completion)."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.line, self.note = _line_with_note(
            self, "place name, or select a location in the text and press L", "location")
        self.span_id: int | None = None
        self._span_text: str | None = None
        self._places: dict[str, int] = {}  # completion text -> span id
        self.place_model = QStringListModel(self)
        completer = QCompleter(self.place_model, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.activated[str].connect(self._completed)
        self.line.setCompleter(completer)
        self.line.textEdited.connect(self._typed)

    def set_places(self, spans: list[Span]) -> None:
        """The document's location spans, offered as completions."""
        self._places = {}
        for span in sorted(spans, key=lambda s: s.start):
            self._places.setdefault(span.text, span.id)
        self.place_model.setStringList(list(self._places))

    def set_span(self, span: Span | None) -> None:
        self.span_id = span.id if span else None
        self._span_text = span.text if span else None
        if span is not None:
            self.line.setText(span.text)
        self.note.setText("(from the text)" if span else "")

    def set_value(self, text: str | None, span: Span | None) -> None:
        self.line.setText(text or "")
        self.span_id = span.id if span else None
        self._span_text = span.text if span else None
        self.note.setText("(from the text)" if span else "")

    def _completed(self, text: str) -> None:
        span_id = self._places.get(text)
        if span_id is not None:
            self.span_id, self._span_text = span_id, text
            self.note.setText("(from the text)")

    def _typed(self, text: str) -> None:
        if self.span_id is not None and text.strip() != (self._span_text or ""):
            self.span_id = self._span_text = None  # typed over: a place name only
            self.note.setText("")

    def text(self) -> str:
        return self.line.text().strip()


class _SegmentCompleter(QCompleter):
    """Completes the value after the last ``|`` of ``a|b|…`` (the standard multi-value QCompleter pattern)."""

    def splitPath(self, path: str) -> list[str]:
        return [path.rsplit(MULTI_SEP, 1)[-1].strip()]

    def pathFromIndex(self, index) -> str:
        head = self.widget().text().rsplit(MULTI_SEP, 1)
        value = super().pathFromIndex(index)
        return f"{head[0]}{MULTI_SEP}{value}" if len(head) == 2 else value


class MultiValueField(QWidget):
    """Several values of one attribute (PLOVER context): typed ``a|b`` with completion, or ticked in a menu."""

    def __init__(self, name: str, parent=None) -> None:
        super().__init__(parent)
        self.line = QLineEdit(placeholderText="type to complete; | between values")
        self.line.setObjectName(f"{name}_values")
        self.button = QToolButton(text="▾")
        self.button.setObjectName(f"{name}_menu")
        self.button.setToolTip("Tick values")
        self.button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.menu = QMenu(self)
        self.menu.aboutToShow.connect(self._fill_menu)
        self.button.setMenu(self.menu)
        self.button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.line, 1)
        layout.addWidget(self.button)
        self.allowed: tuple[str, ...] = ()
        self.model = QStringListModel(self)
        completer = _SegmentCompleter(self.model, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.line.setCompleter(completer)

    def set_allowed(self, values: tuple[str, ...]) -> None:
        self.allowed = tuple(values)
        self.model.setStringList(list(values))

    def set_values(self, values: list[str]) -> None:
        self.line.setText(MULTI_SEP.join(values))

    def values(self) -> list[str]:
        """The values typed or ticked, in order, without repeats; unknown names are kept (the scheme's
        :meth:`~eventcoder.core.schemes.Attribute.spelled` says which)."""
        return list(dict.fromkeys(split_values(self.line.text())))

    def _fill_menu(self) -> None:
        self.menu.clear()
        chosen = {v.lower() for v in self.values()}
        for value in self.allowed:
            action = self.menu.addAction(value)
            action.setCheckable(True)
            action.setChecked(value.lower() in chosen)
            action.toggled.connect(lambda on, v=value: self.toggle(v, on))

    def toggle(self, value: str, on: bool) -> None:
        values = [v for v in self.values() if v.lower() != value.lower()]
        if on:
            values.append(value)
        self.set_values(values)


class _CodeFilter(QSortFilterProxyModel):
    """Type-ahead on code prefix or label words."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.text = ""
        self.setRecursiveFilteringEnabled(True)

    def set_text(self, text: str) -> None:
        if hasattr(self, "beginFilterChange"):  # Qt >= 6.10
            self.beginFilterChange()
            self.text = text.strip().lower()
            self.endFilterChange()
        else:  # pragma: no cover
            self.text = text.strip().lower()
            self.invalidateFilter()

    def filterAcceptsRow(self, row: int, parent: QModelIndex) -> bool:
        if not self.text:
            return True
        model = self.sourceModel()
        code = (model.index(row, 0, parent).data() or "").lower()
        label = (model.index(row, 1, parent).data() or "").lower()
        return code.startswith(self.text) or self.text in label


class CodePicker(QWidget):
    """A code field over a searchable tree of the scheme's event types (code, label, score)."""

    codeChanged = Signal(str)
    commitRequested = Signal()

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.line = QLineEdit(placeholderText="code or label: 112, accuse…")
        self.line.setObjectName("event_code")
        self.tree = QTreeView()
        self.tree.setObjectName("code_tree")
        self.tree.setHeaderHidden(False)
        self.tree.setUniformRowHeights(True)
        self.tree.setMaximumHeight(150)
        self.tree.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.source = QStandardItemModel(0, 3, self)
        self.source.setHorizontalHeaderLabels(["Code", "Label", "Score"])
        self.proxy = _CodeFilter(self)
        self.proxy.setSourceModel(self.source)
        self.tree.setModel(self.proxy)
        self.about = QLabel(wordWrap=True)
        self.about.setStyleSheet("color: #444")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.line)
        layout.addWidget(self.tree)
        layout.addWidget(self.about)
        self.scheme: CodingScheme | None = None
        self.line.textEdited.connect(self._filter)
        self.line.installEventFilter(self)
        self.tree.clicked.connect(self._choose_index)
        self.tree.doubleClicked.connect(lambda _i: self.commitRequested.emit())

    def set_scheme(self, scheme: CodingScheme) -> None:
        self.scheme = scheme
        self.source.removeRows(0, self.source.rowCount())

        def add(parent: QStandardItem, types) -> None:
            for et in sorted(types, key=lambda t: t.code):
                score = "" if et.score is None else f"{et.score:+.1f}"
                row = [QStandardItem(et.code), QStandardItem(et.label), QStandardItem(score)]
                for item in row:
                    item.setEditable(False)
                    item.setToolTip(et.description or et.label)
                parent.appendRow(row)
                add(row[0], scheme.children(et.code))

        add(self.source.invisibleRootItem(), scheme.roots())
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.tree.setColumnWidth(0, 104)
        self.tree.setColumnWidth(2, 48)
        self._filter(self.line.text())

    def set_code(self, code: str | None) -> None:
        self.line.setText(code or "")
        self._filter(code or "", select_exact=True)

    def _filter(self, text: str, select_exact: bool = True) -> None:
        self.proxy.set_text(text)
        if text.strip():
            self.tree.expandAll()
        else:  # no code: the tree as at the start, not the branch of the event shown before
            self.tree.collapseAll()
            self.tree.setCurrentIndex(QModelIndex())
            self.tree.scrollToTop()
        best = self._best_index(text.strip())
        if best is not None:
            self.tree.setCurrentIndex(best)
            self.tree.scrollTo(best)
        self._describe(self.resolve())
        code = self.resolve()
        if code:
            self.codeChanged.emit(code)

    def _best_index(self, text: str) -> QModelIndex | None:
        """The row whose code is ``text``, else the first row (depth first) matching it."""
        if not text:
            return None
        first = None
        stack = [self.proxy.index(r, 0) for r in range(self.proxy.rowCount())]
        while stack:
            index = stack.pop(0)
            code = index.data()
            if code and code.lower() == text.lower():
                return self._codeable(index) or index
            if first is None and self._matches(index, text):
                # a root category ("02 Appeal") gives its "not specified" code's row (resolve() maps it anyway)
                first = self._codeable(index) or index
            stack[:0] = [self.proxy.index(r, 0, index) for r in range(self.proxy.rowCount(index))]
        return first

    def _codeable(self, index: QModelIndex) -> QModelIndex | None:
        """``index``, or the row of the code an event takes for it (core's :func:`event_code_for`: a root
        category's "not specified" sub-code); None when that row is filtered out."""
        code = index.data()
        meant = event_code_for(self.scheme, code) if self.scheme is not None else code
        if meant == code:
            return index
        for r in range(self.proxy.rowCount(index)):
            child = self.proxy.index(r, 0, index)
            if meant is not None and child.data() == meant:
                return child
        return None

    def _matches(self, index: QModelIndex, text: str) -> bool:
        code = (index.data() or "").lower()
        label = (index.siblingAtColumn(1).data() or "").lower()
        return code.startswith(text.lower()) or text.lower() in label

    def _choose_index(self, index: QModelIndex) -> None:
        code = index.siblingAtColumn(0).data()
        if code and self.scheme is not None:
            code = event_code_for(self.scheme, code)  # a root category: its "not specified" code
        if code:
            self.line.setText(code)
            self._describe(code)
            self.codeChanged.emit(code)

    def resolve(self) -> str | None:
        """The code meant: the text when it names one code (core's :func:`typed_event_code`, the rule
        ``eventcoder edit --code`` follows), else the highlighted tree row."""
        text = self.line.text().strip()
        if self.scheme is not None and text:
            typed = typed_event_code(self.scheme, text)
            if typed is not None:
                return typed
        current = self.tree.currentIndex()
        if text and current.isValid():
            code = current.siblingAtColumn(0).data()
            return event_code_for(self.scheme, code) if self.scheme is not None else code
        return None

    def _describe(self, code: str | None) -> None:
        scheme = self.scheme
        et = scheme.event_type(code) if scheme else None
        if et is None:
            self.about.setText("")
            return
        score = "" if et.score is None else f" · {scheme.score_name} {et.score:+.1f}"
        quad = scheme.quad_class(code)
        quad_text = f" · quad class {quad}" if quad is not None else ""
        description = f"<br>{html.escape(et.description)}" if et.description else ""
        self.about.setText(f"<b>{html.escape(et.code)} {html.escape(et.label)}</b>{score}{quad_text}{description}")

    def eventFilter(self, obj, event) -> bool:
        if obj is self.line and event.type() == QEvent.Type.KeyPress:
            key = event.key()
            if key in (Qt.Key.Key_Down, Qt.Key.Key_Up, Qt.Key.Key_PageDown, Qt.Key.Key_PageUp):
                step = {Qt.Key.Key_Down: 1, Qt.Key.Key_Up: -1, Qt.Key.Key_PageDown: 8, Qt.Key.Key_PageUp: -8}[key]
                index = self.tree.currentIndex()
                for _ in range(abs(step)):
                    below = self.tree.indexBelow(index) if step > 0 else self.tree.indexAbove(index)
                    if not below.isValid():
                        break
                    index = below
                if index.isValid():
                    self.tree.setCurrentIndex(index)
                    self._choose_index(index)
                return True
        return super().eventFilter(obj, event)


class EventEditor(QWidget):
    """Edits ``session.current_event``, or a new event (N). Enter commits, Escape cancels."""

    finished = Signal()  # committed or cancelled: the window gives focus back to the article

    def __init__(self, session: CodingSession, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("event_editor")
        self.session = session
        self.mode = "idle"  # idle | edit | new
        self._committing = False
        self.bound_event: Event | None = None
        self.sentence: tuple[int, int] | None = None
        self.trigger: PendingSpan | None = None  # a new event's trigger words (N on selected words)
        self.title = QLabel("<b>Event</b>")
        self.source = ActorField("source")
        self.target = ActorField("target")
        self.code = CodePicker()
        self.mode_box = QComboBox()
        self.context_box = QComboBox()
        self.context_box.setObjectName("context_box")
        self.mode_box.setObjectName("mode_box")
        self.contexts = MultiValueField("context")
        self.date = QLineEdit(placeholderText="YYYY-MM-DD")
        self.date.setObjectName("date")
        self.date.setToolTip("The event's date (exported as event_date / date). A new event takes its document's "
                             "date, and follows it when the document's date is changed (Ctrl+Shift+D) unless you "
                             "set it to another day")
        self.location = LocationField()
        self.note = QLineEdit(placeholderText="a note on this event (kept, exported)")
        self.note.setObjectName("note")
        self.note.setToolTip("Free text for you and your team; exported as the note column. A note alone does "
                             "not decide a suggestion")
        self.alternatives_label = QLabel(wordWrap=True)
        self.alternatives_label.setObjectName("alternatives")
        self.alternatives_label.setStyleSheet("color: #444")
        self.alternatives: list[Alternative] = []
        self.alternatives_provider: AlternativesProvider = lambda event: alternatives_for(
            session.project, event, session.scheme, use_learner=False)
        self.why = QLabel(wordWrap=True)
        self.why.setTextFormat(Qt.TextFormat.PlainText)
        self.why.setStyleSheet("color: #555")
        self.error = QLabel()
        self.error.setStyleSheet("color: #b00020; font-weight: bold")
        self.error.setWordWrap(True)  # a long refusal wraps; it never widens the pane over the article
        self.form = QFormLayout()
        self.form.addRow("Source", self.source)
        self.form.addRow("Event", self.code)
        self.form.addRow("Or", self.alternatives_label)
        self.form.addRow("Mode", self.mode_box)
        self.form.addRow("Context", self.context_box)
        self.form.addRow("Contexts", self.contexts)
        self.form.addRow("Target", self.target)
        self.form.addRow("Date", self.date)
        self.form.addRow("Location", self.location)
        self.form.addRow("Note", self.note)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.title)
        layout.addLayout(self.form)
        layout.addWidget(self.why)
        layout.addWidget(self.error)
        layout.addStretch(1)
        self.actor_model = QStringListModel(self)
        for field in (self.source, self.target):
            completer = QCompleter(self.actor_model, self)
            completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
            completer.setFilterMode(Qt.MatchFlag.MatchContains)
            field.line.setCompleter(completer)
        for line in (self.source.line, self.target.line, self.code.line, self.date, self.location.line,
                     self.contexts.line, self.note):
            line.returnPressed.connect(self.commit)
        self.code.commitRequested.connect(self.commit)
        self.code.codeChanged.connect(self._show_roles)
        cancel = QShortcut(QKeySequence(Qt.Key.Key_Escape), self, context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        cancel.activated.connect(self.cancel)
        session.schemeChanged.connect(self.set_scheme)
        session.currentEventChanged.connect(self._follow_session)
        session.documentOpened.connect(self._follow_session)
        session.documentEdited.connect(lambda _id: self._follow_session())
        self.set_scheme()
        self.show_event(None)

    # ------------------------------------------------------------------ scheme

    def set_scheme(self) -> None:
        scheme = self.session.scheme
        self.code.set_scheme(scheme)
        self.actor_model.setStringList(
            sorted(f"{a.code}  {a.name}" for a in scheme.actor_codes.values())
        )
        self._show_roles(self.code.resolve())

    def _show_roles(self, code: str | None) -> None:
        scheme = self.session.scheme
        roles = roles_for(scheme, code)
        for name, widget in (("source", self.source), ("target", self.target), ("date", self.date),
                             ("location", self.location)):
            self.form.setRowVisible(widget, name in roles or name == "date")  # every event has a date (exported)
            label = self.form.labelForField(widget)
            if label is not None:
                required = name in roles and roles[name].required
                label.setText(name.capitalize() + (" *" if required else ""))
        self._fill_combo(self.mode_box, scheme.modes_for(code))
        contexts = self._contexts(code)
        multiple = self.context_multiple
        self._fill_combo(self.context_box, () if multiple else contexts)
        self.contexts.set_allowed(contexts if multiple else ())
        self.form.setRowVisible(self.contexts, multiple and bool(contexts))
        label = self.form.labelForField(self.contexts)
        if label is not None:
            label.setText("Context")
        if self.bound_event is not None:
            self._select_combo(self.mode_box, self.bound_event.mode)
            self._select_combo(self.context_box, self.bound_event.context)

    @property
    def context_multiple(self) -> bool:
        attribute = self.session.scheme.attributes.get("context")
        return bool(attribute is not None and attribute.multiple)

    def _contexts(self, code: str | None) -> tuple[str, ...]:
        attribute = self.session.scheme.attributes.get("context")
        return attribute.values_for(code) if attribute is not None else ()

    def _fill_combo(self, box: QComboBox, values: tuple[str, ...]) -> None:
        """Only attributes the type takes are shown (PLOVER mode and context)."""
        box.clear()
        if values:
            box.addItem("", None)
            for value in values:
                box.addItem(value, value)
        self.form.setRowVisible(box, bool(values))

    @staticmethod
    def _select_combo(box: QComboBox, value: str | None) -> None:
        i = box.findData(value) if value else 0
        box.setCurrentIndex(max(i, 0))

    # ------------------------------------------------------------------ what it shows

    def _follow_session(self) -> None:
        if self._committing:
            return
        focus = QApplication.focusWidget()
        if self.session.external_reload and self.mode != "idle" and focus is not None and self.isAncestorOf(focus):
            return  # the analyst is typing here: keep it; the commit is checked against the newer row
        if self.mode == "new":
            if self.session.doc is None or self.session.current_event is not None:
                self.show_event(self.session.current_event)
            return
        self.show_event(self.session.current_event)

    def show_event(self, event: Event | None) -> None:
        self.mode = "edit" if event is not None else "idle"
        self.bound_event = event
        self.trigger = None
        self.error.clear()
        doc = self.session.doc
        spans = doc.spans if doc else {}
        self.source.set_span(spans.get(event.source_span_id) if event else None)
        self.target.set_span(spans.get(event.target_span_id) if event else None)
        if event is not None:
            self.source.set_code(event.source_code)
            self.target.set_code(event.target_code)
        self.code.set_code(event.event_code if event else "")
        self.date.setText(event.date or "" if event else "")
        self.location.set_places([s for s in spans.values() if s.layer == Layer.LOCATION.value
                                  and s.status != Status.REJECTED])
        self.location.set_value(event.location if event else None,
                                spans.get(event.location_span_id) if event and event.location_span_id else None)
        self.contexts.set_values(split_values(event.context) if event else [])
        self.note.setText(event.note or "" if event else "")
        self._show_roles(event.event_code if event else None)
        self.sentence = (event.sentence_start, event.sentence_end) if event else None
        self._show_alternatives(event)
        self._shown = self._fields_state()
        if event is None:
            self.title.setText("<b>Event</b> <span style='color:#777'>(none selected — N starts one)</span>")
            self.why.clear()
        else:
            who = "model suggestion" if event.origin == Origin.MODEL else f"coded by {event.annotator or 'analyst'}"
            self.title.setText(f"<b>Event</b> · {event.status} · {html.escape(who)}")
            why = []
            decided = event.origin == Origin.MODEL and event.status != Status.SUGGESTED
            if decided:  # the analyst's decision stands for it now, not the model's confidence
                why.append(f"{event.status} by {event.annotator or 'an analyst'}"
                           + (f" (the model's confidence was {event.confidence:.2f})"
                              if event.confidence is not None else ""))
            elif event.confidence is not None:
                why.append(f"confidence {event.confidence:.2f}")
            if event.evidence:
                why.append(f"why: {event.evidence}")
            self.why.setText(" · ".join(why))

    def start_new(self, sentence: tuple[int, int] | None, source: Span | None, target: Span | None,
                  trigger: PendingSpan | None = None) -> None:
        """N: a new event in ``sentence`` with its actors pre-filled; ``trigger``: the words the analyst had
        selected, the event's trigger (core's ``new_event`` takes a trigger span on them, or makes one)."""
        self.show_event(None)
        self.mode = "new"
        self.sentence = sentence
        self.trigger = trigger
        self.source.set_span(source)
        self.target.set_span(target)
        doc = self.session.doc
        self.date.setText(doc.default_event_date or "" if doc else "")  # core's rule: the document's date
        said = f" · trigger “{html.escape(trigger.text)}”" if trigger is not None else ""
        self.title.setText(f"<b>New event</b>{said} · C code · Enter save · Esc cancel")
        self._shown = self._fields_state()

    def set_role(self, role: str, span: Span | None, pending: PendingSpan | None = None,
                 code: str | None = None) -> None:
        """S / T: the words the analyst chose (a highlight, or selected text) for ``role``; ``code``: the code they
        take for it (a pronoun's antecedent), else their own or the one typed."""
        field = self.source if role == "source" else self.target
        if span is not None:
            field.pick(span, code)
        elif pending is not None:
            field.set_pending(pending)

    def _fields_state(self) -> dict[str, object]:
        """What every field holds, to tell what the analyst typed since the event was shown."""
        return {
            "source": self.source.state(), "target": self.target.state(), "code": self.code.line.text(),
            "date": self.date.text(), "location": (self.location.line.text(), self.location.span_id),
            "contexts": self.contexts.line.text(), "mode": self.mode_box.currentData(),
            "context": self.context_box.currentData(), "note": self.note.text(),
        }

    def _typed_since_shown(self) -> dict[str, object]:
        shown = getattr(self, "_shown", {})
        return {k: v for k, v in self._fields_state().items() if shown.get(k) != v}

    def _show_newer_keeping(self, typed: dict[str, object]) -> None:
        """A refused save: show the event as now stored, with what the analyst typed kept in its fields (a
        second Enter saves it over the newer state, which they can now see)."""
        self.show_event(self.session.current_event)
        if self.mode == "idle":
            return
        spans = self.session.doc.spans if self.session.doc else {}
        for name, field in (("source", self.source), ("target", self.target)):
            if name in typed:
                state = typed[name]
                field.restore(state, spans.get(state[1]) if state[1] is not None else None)  # type: ignore[index]
        if "code" in typed:
            self.code.set_code(str(typed["code"]))
            self._show_roles(self.code.resolve())
        if "date" in typed:
            self.date.setText(str(typed["date"]))
        if "location" in typed:
            text, span_id = typed["location"]  # type: ignore[misc]
            self.location.set_value(text, spans.get(span_id) if span_id is not None else None)
        if "contexts" in typed:
            self.contexts.line.setText(str(typed["contexts"]))
        if "note" in typed:
            self.note.setText(str(typed["note"]))
        for key, box in (("mode", self.mode_box), ("context", self.context_box)):
            if key in typed:
                self._select_combo(box, typed[key])  # type: ignore[arg-type]

    def _show_alternatives(self, event: Event | None) -> None:
        self.alternatives = self.alternatives_provider(event) if event is not None else []
        scheme = self.session.scheme
        parts = []
        for n, (code, probability) in enumerate(self.alternatives, start=1):
            label = html.escape(scheme.label(code) or "")
            share = f" <span style='color:#777'>{probability:.0%}</span>" if probability is not None else ""
            now = " ✓" if code == event.event_code else ""  # picked already: the numbers stay put
            parts.append(f"<b>{n}</b> {html.escape(code)} {label}{share}{now}")
        self.alternatives_label.setText(" · ".join(parts))
        self.alternatives_label.setToolTip("Keys 1–3 in the article (no words selected) or the events list, or "
                                           "Alt+1–3 anywhere: switch to that code and save at once")
        self.form.setRowVisible(self.alternatives_label, bool(parts))

    def pick_alternative(self, n: int) -> bool:
        """1/2/3 (Alt+1/2/3 from the editor's fields): the n-th alternative code; an existing event is saved with
        it at once."""
        if self.mode == "idle" or not 1 <= n <= len(self.alternatives):
            return False
        code = self.alternatives[n - 1][0]
        if self.mode == "edit" and self.bound_event is not None and code == self.bound_event.event_code:
            return True  # picked already
        self.code.set_code(code)
        self._show_roles(code)
        return self.commit() if self.mode == "edit" else True

    def set_location(self, span: Span | None, text: str | None = None) -> None:
        """L: the highlighted location span (its id and text), or selected words as a place name."""
        if span is not None:
            self.location.set_span(span)
        else:
            self.location.set_value(text, None)

    def focus_code(self) -> None:
        self.code.line.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.code.line.selectAll()

    def focus_first(self) -> None:
        widget = self.source.line if self.source.isVisible() else self.code.line
        widget.setFocus(Qt.FocusReason.ShortcutFocusReason)
        widget.selectAll()

    def cancel(self) -> None:
        self.show_event(self.session.current_event)
        self.finished.emit()

    # ------------------------------------------------------------------ commit

    def commit(self) -> bool:
        """Save through a core command (one undo step); False with a message when something is missing."""
        if self.session.doc is None or self.mode == "idle":
            self.error.setText("No event: press N for a new one or select one in the list")
            return False
        code = self.code.resolve()
        if not code:
            self.error.setText("Pick an event code (type a code or words of its label)")
            self.focus_code()
            return False
        roles = roles_for(self.session.scheme, code)
        widgets = {"source": self.source.line, "target": self.target.line, "date": self.date,
                   "location": self.location.line}
        filled = {"source": self.source.has_value(), "target": self.target.has_value(),
                  "date": bool(self.date.text().strip()), "location": bool(self.location.text())}
        missing = missing_roles(self.session.scheme, code, filled)
        if missing:
            self.error.setText(role_problem(code, missing[:1]))
            widgets[missing[0]].setFocus()
            return False
        values: dict = {"event_code": code}
        if "source" in roles:
            values["source_code"] = self.source.code()
        if "target" in roles:
            values["target_code"] = self.target.code()
        values["date"] = self.date.text().strip() or None  # every scheme's events have a date
        if "location" in roles:
            values["location"] = self.location.text() or None
            values["location_span_id"] = self.location.span_id
        if self.mode_box.count():
            values["mode"] = self.mode_box.currentData()
        if self.context_box.count():
            values["context"] = self.context_box.currentData()
        if self.form.isRowVisible(self.contexts):
            spelled, unknown = self.session.scheme.attributes["context"].spelled(self.contexts.values(), code)
            if unknown:
                self.error.setText(f"Unknown context: {', '.join(unknown)} (▾ lists them)")
                self.contexts.line.setFocus()
                return False
            values["context"] = join_values(spelled)
        values["note"] = self.note.text().strip() or None
        typed = self._typed_since_shown()
        self._committing = True
        try:
            ok = self._commit_new(values, roles) if self.mode == "new" else self._commit_edit(values, roles)
        finally:
            self._committing = False
        if ok:
            self.error.clear()
            self.finished.emit()
        elif self.session.save_state == "failed":  # refused by the store: the newer state, what was typed, and why
            problem = self.session.save_problem
            if self.mode == "edit":
                self._show_newer_keeping(typed)
            self.error.setText(f"Not saved: {problem}")
        return ok

    def commit_role(self, role: str) -> bool:
        """S / T on the event shown: save that role's words and code, nothing else, as one undoable command.

        S / T set a role; they do not decide the event: a suggestion stays suggested (and a rejected event
        rejected) with its other role as it was, so nothing the analyst did not look at is accepted -- the
        project's actor dictionary learns from accepted actor words, and learned the untouched role's wrong words
        when S / T accepted the event. A then accepts it with both roles. An accepted event (or a shared
        suggestion in team layers, decided in one's own layer) is edited as Enter saves it."""
        event = self.bound_event
        if self.session.doc is None or self.mode != "edit" or event is None:
            return False
        try:
            layers = self.session.project.team_layers()
        except EventCoderError:
            layers = False
        if event.status == Status.ACCEPTED or layers:
            return self.commit()
        field = self.source if role == "source" else self.target
        code = field.code()
        words = commands.RoleWords(code, field.span_id,
                                   self._new_span(field.pending, code) if field.pending is not None else None,
                                   field.picked)
        if not commands.roles_changed(event, {role: words}):
            return True  # the words it has already
        event_id, version = event.id, event.version
        assert event_id is not None
        label = f"{role} of event {event.event_code}"
        self._committing = True
        try:
            saved = self.session.do(lambda: commands.EditEvent(event_id, {}, expected_version=version,
                                                               roles={role: words}, label=label))
        finally:
            self._committing = False
        self.show_event(self.session.current_event)
        if saved is None:
            self.error.setText(f"Not saved: {self.session.save_problem}")
            return False
        self.error.clear()
        self.finished.emit()
        return True

    def _new_span(self, pending: PendingSpan, code: str | None) -> Span:
        return commands.actor_words(self.session.document_id, pending.start, pending.end, pending.text, code)

    def _role_words(self, values: dict, roles: dict) -> dict[str, commands.RoleWords]:
        """Source and target as the analyst gave them: the code typed, the words shown or picked."""
        words = {}
        for name, field in (("source", self.source), ("target", self.target)):
            if name in roles:
                code = values.get(f"{name}_code")
                new_span = self._new_span(field.pending, code) if field.pending is not None else None
                words[name] = commands.RoleWords(code, field.span_id, new_span, field.picked)
        return words

    def _commit_new(self, values: dict, roles: dict) -> bool:
        """The core session's new event (one transaction, one undo step): the event, its new spans, its spans
        accepted; its date the document's unless typed (a cleared date field: none)."""
        session = self.session
        fields = {k: v for k, v in values.items() if k not in ("event_code", "source_code", "target_code")}
        if "date" in fields:
            fields["date"] = fields["date"] or ""
        try:
            trigger = (self.trigger.start, self.trigger.end) if self.trigger is not None else None
            made = session.core.new_event(values["event_code"], sentence=self.sentence,
                                          roles=self._role_words(values, roles), trigger=trigger, **fields)
        except (RequiredRolesMissing, RoleOutsideSentence) as exc:
            self.error.setText(str(exc))
            return False
        if made is None:
            return False
        self.mode = "edit"
        self.show_event(session.current_event)
        return True

    def _commit_edit(self, values: dict, roles: dict) -> bool:
        """The core session's edit, checked against the version this editor showed: a change made elsewhere
        since is refused ("changed elsewhere"), never silently overwritten. Its rules (core/session.py): only
        fields changed since shown are saved, nothing changed saves nothing, an unchanged suggestion saved is
        accepted, a note alone decides nothing."""
        session = self.session
        fields = {k: v for k, v in values.items() if k not in ("source_code", "target_code")}
        try:
            saved = session.core.edit_event(shown=self.bound_event, roles=self._role_words(values, roles), **fields)
        except (RequiredRolesMissing, RoleOutsideSentence) as exc:
            self.error.setText(str(exc))
            return False
        if not saved:
            return False
        self.show_event(session.current_event)
        return True
