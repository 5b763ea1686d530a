"""NumPy reference timing for `pnpm bench` (benchmark only; the project never needs Python).

Runs the notebook's regularization experiment -- two FullyConnectedNet([500]) nets, keep
ratios 1 and 0.25, Adam lr 5e-4, 25 epochs of batch 100 on 500 training samples, the course
Solver's check_accuracy (batches of 100) on the training set and on 1000 validation samples at
every epoch -- in float32, written as the CS231n code computes it. The data is the bench's own
generated CIFAR-shaped set, read from the binary file the bench writes, so every
implementation trains on the same numbers.

usage: python3 numpy_experiment.py DATA.bin N_TRAIN N_VAL DIM CLASSES SEED
prints one JSON line: {"seconds": ..., "runs": [{"keep": ..., "trainAcc": [...], "valAcc": [...], "loss": [...]}]}
"""
import json
import sys
import time

import numpy as np


def affine_relu_forward(x, w, b):
    a = x.reshape(x.shape[0], -1).dot(w) + b
    out = np.maximum(0, a)
    return out, (x, w, a)


def affine_relu_backward(dout, cache):
    x, w, a = cache
    da = dout * (a > 0)
    # First layer: the gradient with respect to the images is never used.
    return None, x.reshape(x.shape[0], -1).T.dot(da), np.sum(da, axis=0)


def affine_backward(dout, x, w):
    return dout.dot(w.T), x.T.dot(dout), np.sum(dout, axis=0)


def softmax_loss(x, y):
    shifted = x - np.max(x, axis=1, keepdims=True)
    z = np.sum(np.exp(shifted), axis=1, keepdims=True)
    log_probs = shifted - np.log(z)
    probs = np.exp(log_probs)
    n = x.shape[0]
    loss = -np.sum(log_probs[np.arange(n), y]) / n
    dx = probs.copy()
    dx[np.arange(n), y] -= 1
    dx /= n
    return loss, dx


class Net:
    def __init__(self, dim, hidden, classes, keep, rng):
        self.keep = keep
        self.params = {
            'W1': (1e-2 * rng.randn(dim, hidden)).astype(np.float32),
            'b1': np.zeros(hidden, dtype=np.float32),
            'W2': (1e-2 * rng.randn(hidden, classes)).astype(np.float32),
            'b2': np.zeros(classes, dtype=np.float32),
        }

    def loss(self, X, y=None, rng=None):
        p = self.params
        h, c1 = affine_relu_forward(X, p['W1'], p['b1'])
        mask = None
        if y is not None and self.keep != 1:
            mask = (rng.rand(*h.shape) < self.keep) / self.keep
            h = h * mask
        scores = h.dot(p['W2']) + p['b2']
        if y is None:
            return scores
        loss, dscores = softmax_loss(scores, y)
        dh, dW2, db2 = affine_backward(dscores, h, p['W2'])
        if mask is not None:
            dh = dh * mask
        _, dW1, db1 = affine_relu_backward(dh, c1)
        return loss, {'W1': dW1, 'b1': db1, 'W2': dW2, 'b2': db2}


def adam(w, dw, config):
    config['t'] += 1
    config['m'] = config['beta1'] * config['m'] + (1 - config['beta1']) * dw
    config['v'] = config['beta2'] * config['v'] + (1 - config['beta2']) * (dw * dw)
    mt = config['m'] / (1 - config['beta1'] ** config['t'])
    vt = config['v'] / (1 - config['beta2'] ** config['t'])
    return w - config['learning_rate'] * mt / (np.sqrt(vt) + config['epsilon'])


def check_accuracy(model, X, y, batch_size=100):
    preds = []
    for i in range(0, X.shape[0], batch_size):
        preds.append(np.argmax(model.loss(X[i:i + batch_size]), axis=1))
    return float(np.mean(np.hstack(preds) == y))


def train(model, data, rng, epochs=25, batch_size=100, lr=5e-4):
    configs = {k: {'learning_rate': lr, 'beta1': 0.9, 'beta2': 0.999, 'epsilon': 1e-8, 't': 0,
                   'm': np.zeros_like(v), 'v': np.zeros_like(v)} for k, v in model.params.items()}
    X, y = data['X_train'], data['y_train']
    n = X.shape[0]
    per_epoch = max(n // batch_size, 1)
    losses, train_acc, val_acc = [], [], []
    for t in range(epochs * per_epoch):
        idx = rng.choice(n, batch_size)
        loss, grads = model.loss(X[idx], y[idx], rng)
        losses.append(float(loss))
        for k in model.params:
            model.params[k] = adam(model.params[k], grads[k], configs[k])
        first, last = t == 0, t == epochs * per_epoch - 1
        if first or last or (t + 1) % per_epoch == 0:
            train_acc.append(check_accuracy(model, X[:1000], y[:1000]))
            val_acc.append(check_accuracy(model, data['X_val'], data['y_val']))
    return losses, train_acc, val_acc


def main():
    path, n_train, n_val, dim, classes, seed = sys.argv[1:7]
    n_train, n_val, dim, classes, seed = int(n_train), int(n_val), int(dim), int(classes), int(seed)
    raw = np.fromfile(path, dtype=np.float32)
    xs = raw[:(n_train + n_val) * dim].reshape(n_train + n_val, dim)
    ys = raw[(n_train + n_val) * dim:].astype(np.int64)
    data = {'X_train': xs[:n_train], 'y_train': ys[:n_train], 'X_val': xs[n_train:], 'y_val': ys[n_train:]}
    runs = []
    start = time.perf_counter()
    for keep in (1, 0.25):
        rng = np.random.RandomState(seed)
        model = Net(dim, 500, classes, keep, rng)
        losses, train_acc, val_acc = train(model, data, rng)
        runs.append({'keep': keep, 'loss': losses, 'trainAcc': train_acc, 'valAcc': val_acc})
    seconds = time.perf_counter() - start
    print(json.dumps({'seconds': seconds, 'numpy': np.__version__, 'runs': runs}))


if __name__ == '__main__':
    main()
