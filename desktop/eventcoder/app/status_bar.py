"""The window's status bar: a message too long for the room the permanent slots leave is elided at its end (a
message says what happened first, then the detail: cutting its middle hid the key part) and is whole in the bar's
tooltip, and a click on it (or on the saved / refused slot) shows it whole in the window's Messages box; while it
shows, the key hint gives up its room."""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QSizeGrip,
    QStatusBar,
    QStyle,
    QStyleOption,
    QWidget,
)

MARGIN = 6  # px between the message and the first permanent slot


class MessageStatusBar(QStatusBar):
    """``showMessage`` as usual (``currentMessage`` stays the whole text); drawn elided at the end when it
    does not fit, the whole text in the tooltip. ``yielding``: a widget hidden while a message needs its room
    (the key hint)."""

    clicked = Signal()  # a click on the message: the window shows it whole (and the messages before it)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.yielding: QWidget | None = None
        self._yielded = False
        self.messageChanged.connect(self._message_changed)

    def mousePressEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        if event.button() == Qt.MouseButton.LeftButton and event.position().x() <= self.message_room() + MARGIN:
            self.clicked.emit()
            return
        super().mousePressEvent(event)

    def message_room(self) -> int:
        """The width the message may take: up to the first permanent slot shown."""
        slots = [w for w in self.findChildren(QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly)
                 if w.isVisible() and not isinstance(w, QSizeGrip)]
        right = min((w.geometry().left() for w in slots), default=self.width())
        return max(0, right - 2 * MARGIN)

    def displayed_message(self) -> str:
        """The message as drawn: whole when it fits, else elided at the end."""
        text = self.currentMessage()
        return self.fontMetrics().elidedText(text, Qt.TextElideMode.ElideRight, self.message_room())

    def fits(self, text: str) -> bool:
        return self.fontMetrics().horizontalAdvance(text) <= self.message_room()

    def _message_changed(self, text: str) -> None:
        self.setToolTip(text)
        hint = self.yielding
        if hint is None or not shiboken6.isValid(hint):
            return
        if text and not self.fits(text) and hint.isVisible():
            hint.hide()  # the message needs the room more than the key hint does
            self._yielded = True
        elif not text and self._yielded:
            hint.show()
            self._yielded = False

    def paintEvent(self, event) -> None:
        if not self.currentMessage():
            super().paintEvent(event)
            return
        painter = QPainter(self)
        option = QStyleOption()
        option.initFrom(self)
        self.style().drawPrimitive(QStyle.PrimitiveElement.PE_PanelStatusBar, option, painter, self)
        painter.setPen(self.palette().windowText().color())
        rect = self.rect().adjusted(MARGIN, 0, 0, 0)
        rect.setWidth(self.message_room())
        painter.drawText(rect, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
                         | int(Qt.TextFlag.TextSingleLine), self.displayed_message())


class SlotLabel(QLabel):
    """A permanent status-bar slot that never widens the window: its size hint is capped at ``cap`` px and a
    longer text is drawn elided at the end, whole in the tooltip (``text()`` stays the whole text)."""

    clicked = Signal()  # a left click: the window shows the whole text (a refusal cut to fit)

    def __init__(self, cap: int = 460, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.cap = cap
        self._own_tip = ""  # a tooltip set by the caller (e.g. why the project is read-only) wins over the text

    def mousePressEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        if event.button() == Qt.MouseButton.LeftButton:
            self.clicked.emit()
            return
        super().mousePressEvent(event)

    def setToolTip(self, tip: str) -> None:  # noqa: N802 (Qt's name)
        self._own_tip = tip
        super().setToolTip(tip)

    def setText(self, text: str) -> None:  # noqa: N802 (Qt's name)
        super().setText(text)
        self.updateGeometry()
        self._tip()

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._tip()

    def _tip(self) -> None:
        """The whole text in the tooltip whenever it is drawn cut (the slot may be squeezed below ``cap``)."""
        if self._own_tip:
            return
        room = self.contentsRect().width() if self.isVisible() else self.cap
        QLabel.setToolTip(self, self.text() if self.fontMetrics().horizontalAdvance(self.text()) > room else "")

    def sizeHint(self) -> QSize:  # noqa: N802
        hint = super().sizeHint()
        return QSize(min(hint.width(), self.cap), hint.height())

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        hint = super().minimumSizeHint()
        return QSize(min(hint.width(), self.cap), hint.height())

    def displayed_text(self) -> str:
        room = self.contentsRect().width()
        return self.fontMetrics().elidedText(self.text(), Qt.TextElideMode.ElideRight, max(room, 0))

    def paintEvent(self, event) -> None:  # noqa: N802
        if self.fontMetrics().horizontalAdvance(self.text()) <= self.contentsRect().width():
            super().paintEvent(event)
            return
        painter = QPainter(self)
        painter.setPen(self.palette().windowText().color())
        painter.drawText(self.contentsRect(), int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
                         | int(Qt.TextFlag.TextSingleLine), self.displayed_text())


class RunProgress(QWidget):
    """A run's progress in the status bar: what runs, a bar of done / total and Cancel. Never modal: the analyst
    goes on coding while it runs (a modal dialog took every key and click for the whole run)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("run_progress")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 0, 6, 0)
        self.label = QLabel()
        self.bar = QProgressBar()
        self.bar.setMaximumWidth(160)
        self.bar.setMaximumHeight(16)
        self.bar.setFormat("%v / %m")
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # a click cancels; the keys stay the article's
        self.cancel_button.setToolTip("Stop the run after the document it is coding (those done stay coded)")
        for widget in (self.label, self.bar, self.cancel_button):
            layout.addWidget(widget)
        self._cancel = None
        self.cancel_button.clicked.connect(self.cancel)
        self.hide()

    def start(self, text: str, total: int, cancel) -> None:
        self.label.setText(text)
        self.bar.setRange(0, max(total, 1))
        self.bar.setValue(0)
        self._cancel = cancel
        self.cancel_button.setEnabled(True)
        self.cancel_button.setText("Cancel")
        self.show()

    def set_value(self, done: int) -> None:
        if shiboken6.isValid(self):
            self.bar.setValue(done)

    def cancel(self) -> None:
        if self._cancel is not None:
            self._cancel()
        self.cancel_button.setEnabled(False)
        self.cancel_button.setText("Cancelling…")

    def finish(self) -> None:
        if shiboken6.isValid(self):
            self._cancel = None
            self.hide()
