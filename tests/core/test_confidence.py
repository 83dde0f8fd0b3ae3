"""The confidence calibration (core/suggest/confidence.py) and its fitting script (bench/calibrate_confidence.py):
regularisation keeps a rarely seen signal near the overall rate, the reliability table and its expected calibration
error, folds by article. Every sample here is made up for the test."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from eventcoder.core.suggest.confidence import (
    CALIBRATION_FILE,
    expected_calibration_error,
    fit,
    load_calibration,
    reliability,
)

REPO = Path(__file__).resolve().parents[2]


def fitting_script():
    """bench/calibrate_confidence.py as a module."""
    sys.path.insert(0, str(REPO / "bench"))
    try:
        import calibrate_confidence
    finally:
        sys.path.remove(str(REPO / "bench"))
    return calibrate_confidence


def test_a_signal_seen_on_few_events_stays_near_the_overall_rate():
    common = [(["bias"], True)] * 60 + [(["bias"], False)] * 40
    rare = [(["bias", "rare"], True)] * 3  # three events, all right: no reason to call the next one certain
    loose = fit(common + rare, l2=0.01, steps=3000)
    strict = fit(common + rare, l2=10.0, steps=3000)
    overall = (60 + 3) / 103
    assert loose.probability(["bias", "rare"]) > 0.9
    assert strict.probability(["bias", "rare"]) < 0.75
    assert strict.probability(["bias"]) == pytest.approx(overall, abs=0.05)


def test_reliability_bins_and_expected_calibration_error():
    pairs = [(0.1, False)] * 9 + [(0.1, True)] + [(0.7, True)] * 7 + [(0.7, False)] * 3
    rows = reliability(pairs)
    assert [(lo, n) for lo, _hi, n, _m, _s in rows] == [(0.0, 10), (0.2, 0), (0.4, 0), (0.6, 10), (0.8, 0)]
    assert rows[0][4] == pytest.approx(0.1) and rows[3][4] == pytest.approx(0.7)
    assert expected_calibration_error(pairs) == pytest.approx(0.0)  # each bin is right as often as it claims
    # the same confidences, right half as often in the upper bin: off by 0.35 on half the events
    worse = [(0.1, False)] * 9 + [(0.1, True)] + [(0.7, True)] * 35 + [(0.7, False)] * 65
    assert expected_calibration_error(worse) == pytest.approx((100 * abs(0.7 - 0.35)) / 110)
    assert expected_calibration_error([]) == 0.0
    assert reliability([(1.0, True)])[-1][2] == 1  # a confidence of 1 is in the last bin


def test_the_shipped_calibration_reads_back():
    cal = load_calibration(REPO / "coding_schemes" / "dictionaries" / CALIBRATION_FILE)
    assert cal is not None and "bias" in cal.weights and "fitted" in cal.about.lower()
    assert 0.0 < cal.probability(["bias"]) < 1.0


def test_the_script_folds_by_article_and_scores_out_of_fold(tmp_path):
    script = fitting_script()
    # four made-up "articles": one signal right in most of its events, the other wrong in most
    data = []
    for k in range(16):
        art = f"x{k:02d}"
        data += [(["bias", "good"], j < 4, None, art) for j in range(5)]
        data += [(["bias", "bad"], j < 1, None, art) for j in range(5)]
    folds = script.fold_of(data)
    assert set(folds.values()) == set(range(script.FOLDS))
    for art in {r for *_x, r in data}:  # an article's events are never split across folds
        assert len({folds[r] for *_x, r in data if r == art}) == 1
    probs = script.out_of_fold(data, [], l2=1.0)
    labels = [y for _s, y, _e, _r in data]
    good = [p for p, (s, *_x) in zip(probs, data, strict=True) if "good" in s]
    bad = [p for p, (s, *_x) in zip(probs, data, strict=True) if "bad" in s]
    assert min(good) > 0.6 and max(bad) < 0.4
    losses, chosen, best = script.choose_l2(data, [], labels)
    assert set(losses) == set(script.L2_CHOICES) and chosen >= best
    assert losses[best] == min(losses.values())
    out = tmp_path / "cal.json"
    cal = fit([(s, y) for s, y, _e, _r in data], l2=chosen)
    out.write_text(json.dumps(cal.to_dict()), encoding="utf-8")
    assert load_calibration(out).weights == cal.weights


def test_platt_scaling_corrects_an_overconfident_fit_and_reads_back(tmp_path):
    from eventcoder.core.suggest.confidence import Calibration, platt

    # a fit that calls its "good" events 88% right and its "bad" ones 50%, on text where they are right 60% and 20%
    cal = Calibration({"bias": 0.0, "good": 2.0}, "made up")
    data = [(["bias", "good"], j < 6) for j in range(10)] * 10 + [(["bias"], j < 2) for j in range(10)] * 10
    scale, shift = platt([cal.logit(s) for s, _y in data], [y for _s, y in data])
    again = Calibration(cal.weights, cal.about, scale, shift, min_confidence=0.3)
    assert again.probability(["bias", "good"]) == pytest.approx(0.6, abs=0.03)
    assert again.probability(["bias"]) == pytest.approx(0.2, abs=0.03)
    assert 0 < scale < 1  # the fit separates them too sharply
    out = tmp_path / "cal.json"
    out.write_text(json.dumps(again.to_dict()), encoding="utf-8")
    back = load_calibration(out)
    assert (back.scale, back.shift, back.min_confidence) == (scale, shift, 0.3)
    plain = Calibration({"bias": 0.5})
    assert "recalibration" not in plain.to_dict() and "min_confidence" not in plain.to_dict()
    assert Calibration.from_dict(plain.to_dict()).scale == 1.0  # a file without them is the weights alone


def test_the_recalibration_picks_the_best_threshold_on_the_calibration_articles():
    script = fitting_script()
    from eventcoder.core.suggest.confidence import Calibration

    # calibration "articles": "bad" events are right 1 time in 10, so leaving them out raises the F1
    data = []
    for k in range(16):
        art = f"c{k:02d}"
        data += [(["bias", "good"], j < 7, None, art) for j in range(10)]
        data += [(["bias", "bad"], j < 1, None, art) for j in range(10)]
    gold = 16 * 9
    cal = script.recalibrate(Calibration({"bias": 0.0, "good": 1.0, "bad": -1.0}, "made up"), data, gold, 16)
    assert cal.min_confidence is not None
    assert cal.probability(["bias", "bad"]) < cal.min_confidence <= cal.probability(["bias", "good"])
    assert cal.probability(["bias", "good"]) == pytest.approx(0.7, abs=0.03)
    assert "Recalibrated" in cal.about
    rows = script.threshold_f1([cal.probability(s) for s, *_x in data], [y for _s, y, *_x in data], gold)
    assert max(f for _t, f, _n in rows) == pytest.approx(
        next(f for t, f, _n in rows if t == cal.min_confidence))
    assert script.platt_cv_loss(cal, data) < script.log_loss([0.5] * len(data), [y for _s, y, *_x in data])


def test_the_shipped_threshold_is_the_coders():
    from eventcoder.core.schemes import load_scheme
    from eventcoder.core.suggest.coder import EventCoder

    shipped = load_calibration()
    assert shipped is not None and shipped.min_confidence is not None  # chosen on the calibration articles
    assert (shipped.scale, shipped.shift) != (1.0, 0.0)
    assert EventCoder.from_scheme(load_scheme("cameo")).min_confidence == shipped.min_confidence
