"""``eventcoder … | head``: a reader that stops reading is not an error (no "Broken pipe" message, exit 0)."""

from __future__ import annotations

import subprocess
import sys


def test_a_closed_pipe_is_quiet():
    child = subprocess.Popen([sys.executable, "-m", "eventcoder.cli", "scheme", "show", "cameo"],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    child.stdout.close()  # the reader went away before the first line (as `head` does after its lines)
    _, err = child.communicate(timeout=120)
    assert child.returncode == 0, err
    text = err.decode("utf-8", "replace")
    assert "Broken pipe" not in text and "BrokenPipeError" not in text and "Exception ignored" not in text
    # and the command still writes everything when someone reads it
    whole = subprocess.run([sys.executable, "-m", "eventcoder.cli", "scheme", "show", "cameo"],
                           capture_output=True, text=True, timeout=120)
    assert whole.returncode == 0 and len(whole.stdout.splitlines()) > 100
