"""PyTorch timing for `pnpm bench` (benchmark only; the project never needs Python or torch).

The regularization experiment of numpy_experiment.py -- the same generated data file, the same
initial weights, minibatches and dropout masks from numpy.random.RandomState(seed) in the same
order, the same schedule (two nets, keep 1 and 0.25, 25 epochs of batch 100, accuracy checks in
batches of 100) -- written the way a PyTorch user writes it: float32 tensors, autograd,
torch.optim.Adam(lr=5e-4), eager mode on the CPU with one thread per core.

usage: $PYTHON torch_experiment.py DATA.bin N_TRAIN N_VAL DIM CLASSES SEED
prints one JSON line: {"seconds": ..., "torch": version, "threads": n, "runs": [...]}
"""
import json
import sys
import time

import numpy as np
import torch


def make_net(dim, hidden, classes, rng):
    # Drawn in the order numpy_experiment.py draws them: W1, then W2 (biases are zeros).
    w1 = torch.from_numpy((1e-2 * rng.randn(dim, hidden)).astype(np.float32)).requires_grad_()
    b1 = torch.zeros(hidden, requires_grad=True)
    w2 = torch.from_numpy((1e-2 * rng.randn(hidden, classes)).astype(np.float32)).requires_grad_()
    b2 = torch.zeros(classes, requires_grad=True)
    return [w1, b1, w2, b2]


def forward(params, x, keep=1.0, rng=None):
    w1, b1, w2, b2 = params
    h = torch.relu(torch.addmm(b1, x, w1))
    if rng is not None and keep != 1:
        mask = torch.from_numpy(((rng.rand(*h.shape) < keep) / keep).astype(np.float32))
        h = h * mask
    return torch.addmm(b2, h, w2)


@torch.no_grad()
def check_accuracy(params, X, y, batch_size=100):
    preds = [forward(params, X[i:i + batch_size]).argmax(dim=1) for i in range(0, X.shape[0], batch_size)]
    return float((torch.cat(preds) == y).float().mean())


def train(params, keep, data, rng, epochs=25, batch_size=100, lr=5e-4):
    opt = torch.optim.Adam(params, lr=lr, betas=(0.9, 0.999), eps=1e-8)
    X, y = data['X_train'], data['y_train']
    n = X.shape[0]
    per_epoch = max(n // batch_size, 1)
    losses, train_acc, val_acc = [], [], []
    for t in range(epochs * per_epoch):
        idx = torch.from_numpy(rng.choice(n, batch_size))
        opt.zero_grad(set_to_none=True)
        loss = torch.nn.functional.cross_entropy(forward(params, X[idx], keep, rng), y[idx])
        loss.backward()
        opt.step()
        losses.append(loss.item())
        if t == 0 or t == epochs * per_epoch - 1 or (t + 1) % per_epoch == 0:
            train_acc.append(check_accuracy(params, X[:1000], y[:1000]))
            val_acc.append(check_accuracy(params, data['X_val'], data['y_val']))
    return losses, train_acc, val_acc


def main():
    path, n_train, n_val, dim, classes, seed = sys.argv[1:7]
    n_train, n_val, dim, classes, seed = int(n_train), int(n_val), int(dim), int(classes), int(seed)
    raw = np.fromfile(path, dtype=np.float32)
    xs = torch.from_numpy(raw[:(n_train + n_val) * dim].reshape(n_train + n_val, dim).copy())
    ys = torch.from_numpy(raw[(n_train + n_val) * dim:].astype(np.int64))
    data = {'X_train': xs[:n_train], 'y_train': ys[:n_train], 'X_val': xs[n_train:], 'y_val': ys[n_train:]}
    runs = []
    start = time.perf_counter()
    for keep in (1, 0.25):
        rng = np.random.RandomState(seed)
        params = make_net(dim, 500, classes, rng)
        losses, train_acc, val_acc = train(params, keep, data, rng)
        runs.append({'keep': keep, 'loss': losses, 'trainAcc': train_acc, 'valAcc': val_acc})
    seconds = time.perf_counter() - start
    print(json.dumps({'seconds': seconds, 'torch': torch.__version__, 'threads': torch.get_num_threads(), 'runs': runs}))


if __name__ == '__main__':
    main()
