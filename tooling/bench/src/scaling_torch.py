"""One epoch of the bench's scaling table in PyTorch (eager, CPU, autograd, torch.optim.Adam):
the same net, data and NumPy-stream initial weights, minibatches and masks as scaling_numpy.py.
usage: $PYTHON scaling_torch.py DATA.bin  -> one JSON line {seconds, peakRssMiB, ...}
"""
import json
import resource
import sys
import time

import numpy as np
import torch
import torch.nn.functional as F

from scaling_numpy import BATCH, HIDDEN, KEEP, N_TRAIN, SEED, EPS, init, load


def forward(params, bn, x, train, rng=None):
    h = x
    for k in range(1, len(HIDDEN) + 1):
        a = torch.addmm(params[f'b{k}'], h, params[f'W{k}'])
        z = F.batch_norm(a, bn[k]['mean'], bn[k]['var'], params[f'gamma{k}'], params[f'beta{k}'], training=train, momentum=0.1, eps=EPS)
        h = torch.relu(z)
        if train:
            h = h * torch.from_numpy(((rng.rand(*h.shape) < KEEP) / KEEP).astype(np.float32))
    L = len(HIDDEN) + 1
    return torch.addmm(params[f'b{L}'], h, params[f'W{L}'])


@torch.no_grad()
def accuracy(params, bn, X, y):
    preds = [forward(params, bn, X[i:i + 100], False).argmax(1) for i in range(0, X.shape[0], 100)]
    return float((torch.cat(preds) == y).float().mean())


def main():
    Xt, yt, Xv, yv = (torch.from_numpy(np.ascontiguousarray(a)) for a in load(sys.argv[1]))
    rng = np.random.RandomState(SEED)
    params = {k: torch.from_numpy(v).requires_grad_() for k, v in init(rng).items()}
    bn = {k + 1: {'mean': torch.zeros(d), 'var': torch.ones(d)} for k, d in enumerate(HIDDEN)}
    opt = torch.optim.Adam(params.values(), lr=1e-3)
    start = time.perf_counter()
    losses = []
    for _ in range(N_TRAIN // BATCH):
        idx = torch.from_numpy(rng.choice(N_TRAIN, BATCH))
        opt.zero_grad(set_to_none=True)
        loss = F.cross_entropy(forward(params, bn, Xt[idx], True, rng), yt[idx])
        loss.backward()
        opt.step()
        losses.append(loss.item())
    mask = torch.from_numpy(rng.choice(N_TRAIN, 1000))
    train_acc = accuracy(params, bn, Xt[mask], yt[mask])
    val_acc = accuracy(params, bn, Xv, yv)
    seconds = time.perf_counter() - start
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({'seconds': seconds, 'peakRssMiB': rss, 'firstLoss': losses[0], 'lastLoss': losses[-1],
                      'trainAcc': train_acc, 'valAcc': val_acc, 'torch': torch.__version__, 'threads': torch.get_num_threads()}))


if __name__ == '__main__':
    main()
