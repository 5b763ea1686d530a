"""One epoch of the bench's scaling table in NumPy, float32, as the course's code computes it:
FullyConnectedNet([1024, 1024]) with batch norm and dropout (keep 0.5), Adam lr 1e-3, batch 100
over 49,000 rows, then check_accuracy on 1,000 training and 1,000 validation rows.
usage: python3 scaling_numpy.py DATA.bin  -> one JSON line {seconds, peakRssMiB, ...}
"""
import json
import resource
import sys
import time

import numpy as np

N_TRAIN, N_VAL, DIM, CLASSES, HIDDEN, KEEP, BATCH, SEED, EPS = 49000, 1000, 3072, 10, (1024, 1024), 0.5, 100, 231, 1e-5


def load(path):
    raw = np.fromfile(path, dtype=np.float32)
    n = N_TRAIN + N_VAL
    X = raw[:n * DIM].reshape(n, DIM)
    y = raw[n * DIM:].astype(np.int64)
    return X[:N_TRAIN], y[:N_TRAIN], X[N_TRAIN:], y[N_TRAIN:]


def init(rng):
    dims = [DIM, *HIDDEN, CLASSES]
    p = {}
    for i in range(len(dims) - 1):
        p[f'W{i + 1}'] = (1e-2 * rng.randn(dims[i], dims[i + 1])).astype(np.float32)
        p[f'b{i + 1}'] = np.zeros(dims[i + 1], dtype=np.float32)
        if i < len(HIDDEN):
            p[f'gamma{i + 1}'] = np.ones(dims[i + 1], dtype=np.float32)
            p[f'beta{i + 1}'] = np.zeros(dims[i + 1], dtype=np.float32)
    return p


def loss(p, bn, X, y=None, rng=None):
    train = y is not None
    h, caches = X, []
    for i in range(len(HIDDEN)):
        k = i + 1
        a = h.dot(p[f'W{k}']) + p[f'b{k}']
        if train:
            mu, var = a.mean(0), a.var(0)
            bn[k]['mean'] = 0.9 * bn[k]['mean'] + 0.1 * mu
            bn[k]['var'] = 0.9 * bn[k]['var'] + 0.1 * var
        else:
            mu, var = bn[k]['mean'], bn[k]['var']
        inv = 1 / np.sqrt(var + EPS)
        xhat = (a - mu) * inv
        z = p[f'gamma{k}'] * xhat + p[f'beta{k}']
        out = np.maximum(0, z)
        mask = None
        if train:
            mask = (rng.rand(*out.shape) < KEEP) / KEEP
            out = out * mask
        caches.append((h, xhat, inv, z, mask))
        h = out
    L = len(HIDDEN) + 1
    scores = h.dot(p[f'W{L}']) + p[f'b{L}']
    if not train:
        return scores
    shifted = scores - scores.max(1, keepdims=True)
    log_probs = shifted - np.log(np.exp(shifted).sum(1, keepdims=True))
    n = X.shape[0]
    data_loss = -log_probs[np.arange(n), y].sum() / n
    d = np.exp(log_probs)
    d[np.arange(n), y] -= 1
    d /= n
    g = {f'W{L}': h.T.dot(d), f'b{L}': d.sum(0)}
    dh = d.dot(p[f'W{L}'].T)
    for i in reversed(range(len(HIDDEN))):
        k = i + 1
        x_in, xhat, inv, z, mask = caches[i]
        dz = dh * mask * (z > 0)
        g[f'gamma{k}'] = (dz * xhat).sum(0)
        g[f'beta{k}'] = dz.sum(0)
        dxhat = dz * p[f'gamma{k}']
        da = (inv / n) * (n * dxhat - dxhat.sum(0) - xhat * (dxhat * xhat).sum(0))
        g[f'W{k}'] = x_in.T.dot(da)
        g[f'b{k}'] = da.sum(0)
        if k > 1:
            dh = da.dot(p[f'W{k}'].T)
    return data_loss, g


def adam(w, dw, c):
    c['t'] += 1
    c['m'] = 0.9 * c['m'] + 0.1 * dw
    c['v'] = 0.999 * c['v'] + 0.001 * (dw * dw)
    return w - 1e-3 * (c['m'] / (1 - 0.9 ** c['t'])) / (np.sqrt(c['v'] / (1 - 0.999 ** c['t'])) + 1e-8)


def accuracy(p, bn, X, y):
    preds = [np.argmax(loss(p, bn, X[i:i + 100]), 1) for i in range(0, X.shape[0], 100)]
    return float(np.mean(np.hstack(preds) == y))


def main():
    Xt, yt, Xv, yv = load(sys.argv[1])
    rng = np.random.RandomState(SEED)
    p = init(rng)
    bn = {k + 1: {'mean': np.zeros(d, np.float32), 'var': np.zeros(d, np.float32)} for k, d in enumerate(HIDDEN)}
    cfg = {k: {'t': 0, 'm': np.zeros_like(v), 'v': np.zeros_like(v)} for k, v in p.items()}
    start = time.perf_counter()
    losses = []
    for _ in range(N_TRAIN // BATCH):
        idx = rng.choice(N_TRAIN, BATCH)
        l, g = loss(p, bn, Xt[idx], yt[idx], rng)
        losses.append(float(l))
        for k in p:
            p[k] = adam(p[k], g[k], cfg[k])
    mask = rng.choice(N_TRAIN, 1000)
    train_acc = accuracy(p, bn, Xt[mask], yt[mask])
    val_acc = accuracy(p, bn, Xv, yv)
    seconds = time.perf_counter() - start
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({'seconds': seconds, 'peakRssMiB': rss, 'firstLoss': losses[0], 'lastLoss': losses[-1],
                      'trainAcc': train_acc, 'valAcc': val_acc, 'numpy': np.__version__}))


if __name__ == '__main__':
    main()
