"""Multinomial logistic regression over sparse binary features plus a small dense block, in numpy.

Balanced class weights, L2 penalty, L-BFGS from zero weights: deterministic, no sampling. The fitted model
is plain arrays (weights ``[features, classes]``, dense weights ``[width, classes]``, bias ``[classes]``)
with the vocabulary and class names, so it stores as JSON.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

import numpy as np

BALANCE = 1.0  # 1: balanced class weights (n / (k * count)), 0: none
MIN_COUNT = 2  # features of the RARE_PREFIXES families seen in fewer codings are left out
RARE_PREFIXES = ("w2=",)


class _Sparse:
    """Rows of feature indices (binary features) as one CSR-like structure, sorted by column for the gradient."""

    def __init__(self, rows: Sequence[Sequence[int]], n_features: int) -> None:
        lengths = np.array([len(r) for r in rows], dtype=np.int64)
        self.n = len(rows)
        self.cols = np.fromiter((c for r in rows for c in r), dtype=np.int64, count=int(lengths.sum()))
        self.row_of = np.repeat(np.arange(self.n), lengths)
        self.starts = np.concatenate([[0], np.cumsum(lengths)[:-1]]).astype(np.int64)
        self.lengths = lengths
        order = np.argsort(self.cols, kind="stable")
        self.sorted_cols = self.cols[order]
        self.sorted_rows = self.row_of[order]
        change = np.flatnonzero(np.diff(self.sorted_cols)) + 1
        self.col_starts = np.concatenate([[0], change]).astype(np.int64)
        self.unique_cols = self.sorted_cols[self.col_starts] if len(self.sorted_cols) else self.sorted_cols
        self.n_features = n_features

    def dot(self, W: np.ndarray) -> np.ndarray:
        out = np.zeros((self.n, W.shape[1]), dtype=W.dtype)
        nonempty = self.lengths > 0
        if len(self.cols):
            out[nonempty] = np.add.reduceat(W[self.cols], self.starts[nonempty], axis=0)
        return out

    def tdot(self, G: np.ndarray) -> np.ndarray:
        out = np.zeros((self.n_features, G.shape[1]), dtype=G.dtype)
        if len(self.sorted_cols):
            out[self.unique_cols] = np.add.reduceat(G[self.sorted_rows], self.col_starts, axis=0)
        return out


def _rows(feature_lists: Sequence[Sequence[str]], vocab: dict[str, int]) -> _Sparse:
    return _Sparse([[vocab[f] for f in fs if f in vocab] for fs in feature_lists], len(vocab))


def _softmax(z: np.ndarray) -> np.ndarray:
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


def _dense(dense, n: int, width: int) -> np.ndarray:
    if width == 0:
        return np.zeros((n, 0))
    if dense is None:
        return np.zeros((n, width))
    arr = np.asarray(dense, dtype=np.float64).reshape(n, -1)
    if arr.shape[1] != width:
        raise ValueError(f"dense features of width {arr.shape[1]}, the model expects {width}")
    return arr


class LogisticModel:
    def __init__(
        self, vocab: dict[str, int], classes: list[str], W: np.ndarray, b: np.ndarray, V: np.ndarray | None = None
    ) -> None:
        self.vocab = vocab
        self.classes = classes
        self.W = W
        self.b = b
        self.V = V if V is not None else np.zeros((0, len(classes)))  # dense weights

    @classmethod
    def fit(
        cls,
        feature_lists: Sequence[Sequence[str]],
        labels: Sequence[str],
        dense: np.ndarray | None = None,
        l2: float = 1.0,
        iterations: int = 100,
    ) -> LogisticModel:
        counts = Counter(f for fs in feature_lists for f in set(fs))
        # a word pair seen in one coding only cannot generalise: same cross-validated F1, a third of the size
        vocab = {f: i for i, f in enumerate(sorted(
            f for f, c in counts.items() if c >= MIN_COUNT or not f.startswith(RARE_PREFIXES)))}
        classes = sorted(set(labels))
        X = _rows(feature_lists, vocab)
        n, k = len(labels), len(classes)
        D = _dense(dense, n, 0 if dense is None else np.asarray(dense).reshape(n, -1).shape[1])
        y = np.array([classes.index(lab) for lab in labels], dtype=np.int64)
        per_class = np.bincount(y, minlength=k).astype(np.float64)
        weights = (n / (k * per_class))[y] ** BALANCE
        Y = np.zeros((n, k))
        Y[np.arange(n), y] = 1.0
        W, V, b = np.zeros((len(vocab), k)), np.zeros((D.shape[1], k)), np.zeros(k)
        if k > 1:
            W, V, b = _lbfgs(X, D, Y, weights, (W, V, b), l2, iterations)
        return cls(vocab, classes, W, b, V)

    def predict_proba(self, feature_lists: Sequence[Sequence[str]], dense=None) -> np.ndarray:
        X = _rows(feature_lists, self.vocab)
        if X.n == 0:
            return np.zeros((0, len(self.classes)))
        D = _dense(dense, X.n, self.V.shape[0])
        return _softmax(X.dot(self.W) + D @ self.V + self.b)

    def to_dict(self) -> dict:
        # only features with a non-zero weight travel
        keep = np.flatnonzero(np.abs(self.W).max(axis=1) > 1e-6) if len(self.W) else np.array([], dtype=int)
        names = sorted(self.vocab, key=self.vocab.get)
        return {
            "classes": list(self.classes),
            "features": [names[i] for i in keep],
            "weights": np.round(self.W[keep], 5).tolist(),
            "dense_weights": np.round(self.V, 5).tolist(),
            "bias": np.round(self.b, 6).tolist(),
        }

    @classmethod
    def from_dict(cls, data: dict) -> LogisticModel:
        feats = list(data["features"])
        k = len(data["classes"])
        W = np.array(data["weights"], dtype=np.float64).reshape(len(feats), k)
        V = np.array(data.get("dense_weights") or [], dtype=np.float64).reshape(-1, k)
        return cls(
            {f: i for i, f in enumerate(feats)}, list(data["classes"]), W, np.array(data["bias"], dtype=np.float64), V
        )


def _loss_grad(X: _Sparse, D, Y, weights, params, l2):
    W, V, b = params
    P = _softmax(X.dot(W) + D @ V + b)
    n = X.n
    reg = 0.5 * l2 * ((W * W).sum() + (V * V).sum()) / n
    loss = -(weights * np.log(np.maximum((P * Y).sum(axis=1), 1e-12))).sum() / n + reg
    G = (P - Y) * weights[:, None] / n
    return loss, (X.tdot(G) + l2 * W / n, D.T @ G + l2 * V / n, G.sum(axis=0))


def _lbfgs(X, D, Y, weights, params, l2, iterations, memory: int = 10):
    """Limited-memory BFGS with a backtracking line search (deterministic)."""
    shapes = [p.shape for p in params]
    sizes = [p.size for p in params]

    def pack(ps):
        return np.concatenate([p.ravel() for p in ps])

    def unpack(theta):
        out, pos = [], 0
        for shape, size in zip(shapes, sizes, strict=True):
            out.append(theta[pos : pos + size].reshape(shape))
            pos += size
        return tuple(out)

    theta = pack(params)
    loss, grads = _loss_grad(X, D, Y, weights, params, l2)
    g = pack(grads)
    s_hist: list[np.ndarray] = []
    y_hist: list[np.ndarray] = []
    for _ in range(iterations):
        q = g.copy()
        alphas = []
        for s, yv in zip(reversed(s_hist), reversed(y_hist), strict=True):
            rho = 1.0 / (yv @ s)
            a = rho * (s @ q)
            alphas.append((rho, a))
            q -= a * yv
        if s_hist:
            q *= (s_hist[-1] @ y_hist[-1]) / (y_hist[-1] @ y_hist[-1])
        else:
            q /= max(np.linalg.norm(q), 1e-12)
        for (s, yv), (rho, a) in zip(zip(s_hist, y_hist, strict=True), reversed(alphas), strict=True):
            q += s * (a - rho * (yv @ q))
        d = -q
        slope = g @ d
        if slope >= 0:
            d, slope = -g, -(g @ g)
            s_hist.clear()
            y_hist.clear()
        step = 1.0
        while True:
            new = theta + step * d
            new_loss, new_grads = _loss_grad(X, D, Y, weights, unpack(new), l2)
            if new_loss <= loss + 1e-4 * step * slope or step < 1e-8:
                break
            step *= 0.5
        new_g = pack(new_grads)
        s, yv = new - theta, new_g - g
        improvement = loss - new_loss
        theta, g, loss = new, new_g, new_loss
        if yv @ s > 1e-10:
            s_hist.append(s)
            y_hist.append(yv)
            if len(s_hist) > memory:
                s_hist.pop(0)
                y_hist.pop(0)
        if np.abs(g).max() < 1e-5 or improvement < 1e-7 * max(abs(loss), 1.0):
            break
    return unpack(theta)
