"""A one-line progress bar with a time estimate, written to stderr."""
import sys
import time


class Progress:
    def __init__(self, total, label):
        self.total, self.label, self.t0, self.last = total, label, time.time(), 0.0

    def update(self, done, note=""):
        now = time.time()
        if now - self.last < 0.5 and done < self.total:
            return
        self.last = now
        frac = done / max(1, self.total)
        el = now - self.t0
        eta = el / frac - el if frac > 0 else 0
        bar = "#" * int(frac * 30)
        sys.stderr.write(f"\r{self.label} [{bar:<30}] {frac * 100:5.1f}% {done}/{self.total} "
                         f"{note} elapsed {el:5.0f}s eta {eta:5.0f}s ")
        if done >= self.total:
            sys.stderr.write("\n")
        sys.stderr.flush()
