"""The German tagger's forward pass in numpy: character CNN, BiLSTM, CRF decoding.

`train.py` trains the same network with torch (a build-time tool only) and writes its weights
under the state_dict names read here; tagging needs numpy alone. Sentences of one call run as
one batch, so each weight matrix is applied once per step for all of them.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from newsdesk.extract.ner.inputs import WordInputs


def _sigmoid(x: np.ndarray) -> np.ndarray:
    return 0.5 * (np.tanh(0.5 * x) + 1.0)


def _gates_ifog(w: np.ndarray) -> np.ndarray:
    """Torch's gate blocks (input, forget, cell, output) reordered along the last axis to input,
    forget, output, cell: the three sigmoid gates then lie side by side."""
    i, f, g, o = np.split(w, 4, axis=-1)
    return np.concatenate([i, f, o, g], axis=-1)


@dataclass
class _Direction:
    """One direction of the LSTM, gates in the order of `_gates_ifog`."""

    w_ih: np.ndarray  # (D, 4H), transposed for row-major products
    w_hh: np.ndarray  # (H, 4H)
    bias: np.ndarray  # (4H,)

    @classmethod
    def of(cls, w: dict[str, np.ndarray], suffix: str) -> _Direction:
        return cls(_gates_ifog(w[f"lstm.weight_ih_l0{suffix}"].T), _gates_ifog(w[f"lstm.weight_hh_l0{suffix}"].T),
                   _gates_ifog(w[f"lstm.bias_ih_l0{suffix}"] + w[f"lstm.bias_hh_l0{suffix}"]))

    def run(self, gates_in: np.ndarray, active: np.ndarray) -> np.ndarray:
        """Hidden states (B, T, H) from the input part of the gates (B, T, 4H) of sentences sorted
        longest first; at step t only the first `active[t]` sentences still have a token, so
        padding is never computed and cannot reach a sentence's tokens."""
        batch, steps, _ = gates_in.shape
        hidden = self.w_hh.shape[0]
        h = np.zeros((batch, hidden), dtype=np.float32)
        c = np.zeros((batch, hidden), dtype=np.float32)
        out = np.zeros((batch, steps, hidden), dtype=np.float32)
        for t in range(steps):
            n = active[t]
            g = gates_in[:n, t] + h[:n] @ self.w_hh
            sig = _sigmoid(g[:, :3 * hidden])
            c[:n] *= sig[:, hidden:2 * hidden]
            c[:n] += sig[:, :hidden] * np.tanh(g[:, 3 * hidden:])
            h[:n] = sig[:, 2 * hidden:] * np.tanh(c[:n])
            out[:n, t] = h[:n]
        return out

    def gates(self, tokens: list[np.ndarray], steps: int, reverse: bool) -> np.ndarray:
        """The input part of the gates of each sentence's tokens (in reading order or reversed),
        one product over all tokens, laid out right-padded (B, T, 4H)."""
        flat = np.concatenate(tokens) @ self.w_ih
        flat += self.bias
        out = np.zeros((len(tokens), steps, flat.shape[1]), dtype=np.float32)
        start = 0
        for b, x in enumerate(tokens):
            part = flat[start:start + len(x)]
            out[b, :len(x)] = part[::-1] if reverse else part
            start += len(x)
        return out


@lru_cache(maxsize=1)
def _thread_pools():
    from threadpoolctl import ThreadpoolController  # a dependency of scikit-learn

    return ThreadpoolController()


def _one_blas_thread():
    """A context that keeps BLAS on one thread: the products of one step are far too small to
    share, and threads spinning against each other on a busy or pinned core cost more than the work."""
    return _thread_pools().limit(limits=1, user_api="blas")


class Network:
    """Weights of a trained tagger, read from the npz `train.py` writes."""

    def __init__(self, path: Path):
        with np.load(path) as z:
            w = {k: z[k].astype(np.float32) for k in z.files}
        self.word_embedding = w["wemb.weight"]
        self.char_embedding = w["cemb.weight"]
        out_channels, in_channels, width = w["conv.weight"].shape
        self.char_width = width
        self.conv = w["conv.weight"].transpose(2, 1, 0).reshape(width * in_channels, out_channels)
        self.conv_bias = w["conv.bias"]
        self.hand_embeddings = [w[f"hemb.{k}.weight"] for k in range(sum(1 for n in w if n.startswith("hemb.")))]
        self.projection = w["proj.weight"].T.copy()
        self.projection_bias = w["proj.bias"]
        self.forward_lstm = _Direction.of(w, "")
        self.backward_lstm = _Direction.of(w, "_reverse")
        self.output = w["out.weight"].T.copy()
        self.output_bias = w["out.bias"]
        self.transitions, self.start, self.end = w["trans"], w["start"], w["end"]

    def word_features(self, words: WordInputs) -> np.ndarray:
        """The part of each token's input that depends on its word alone (N, F): word embedding,
        max over positions of a ReLU convolution over its characters, projected piece vectors."""
        x = self.char_embedding[words.chars]  # (N, P, E)
        pad = self.char_width // 2
        x = np.pad(x, ((0, 0), (pad, pad), (0, 0)))
        positions = words.chars.shape[1]
        windows = np.concatenate([x[:, k:k + positions] for k in range(self.char_width)], axis=2)
        chars = np.maximum((windows @ self.conv + self.conv_bias).max(axis=1), 0.0)
        vectors = np.tanh(words.vectors @ self.projection + self.projection_bias)
        return np.concatenate([self.word_embedding[words.ids], chars, vectors], axis=1)

    def emissions(self, words: list[np.ndarray], hands: list[np.ndarray]) -> list[np.ndarray]:
        """Label scores (T, L) of each sentence, from its word features (T, F) and hand ids
        (T, one column per hand-made input)."""
        if not words:
            return []
        order = sorted(range(len(words)), key=lambda b: -len(words[b]))
        lengths = np.array([len(words[b]) for b in order])
        tokens = [np.concatenate([words[b]] + [table[hands[b][:, k]] for k, table in enumerate(self.hand_embeddings)],
                                 axis=1) for b in order]
        steps = int(lengths[0])
        active = (lengths[None, :] > np.arange(steps)[:, None]).sum(axis=1)
        with _one_blas_thread():
            forward = self.forward_lstm.run(self.forward_lstm.gates(tokens, steps, False), active)
            backward = self.backward_lstm.run(self.backward_lstm.gates(tokens, steps, True), active)
            out: list[np.ndarray] = [np.empty(0)] * len(words)
            for row, (b, n) in enumerate(zip(order, lengths)):
                h = np.concatenate([forward[row, :n], backward[row, :n][::-1]], axis=1)
                out[b] = h @ self.output + self.output_bias
        return out

    def decode(self, emissions: np.ndarray) -> list[int]:
        """The best label sequence under the CRF's transition scores (Viterbi)."""
        if not len(emissions):
            return []
        score = self.start + emissions[0]
        back = []
        for t in range(1, len(emissions)):
            candidates = score[:, None] + self.transitions
            back.append(candidates.argmax(axis=0))
            score = candidates.max(axis=0) + emissions[t]
        best = [int((score + self.end).argmax())]
        for pointers in reversed(back):
            best.append(int(pointers[best[-1]]))
        return best[::-1]
