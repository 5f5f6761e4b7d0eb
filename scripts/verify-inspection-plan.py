#!/usr/bin/env python3
"""Reference implementation of the zhitong-draw-v1 random inspection draw (双随机、一公开).

An independent second implementation of docs/RANDOM-INSPECTIONS.md, in plain Python 3 with only
the standard library, so that anyone can recompute a published plan without Zhitong:

    python3 scripts/verify-inspection-plan.py plan.json     # plan.json from
        # GET /api/v1/public/inspection-plans/{id}; prints "match" or the first difference

It is also what produced the known-answer vectors in the document; the C++ tests check the
server's implementation against them.
"""
import hashlib
import json
import sys

ALGORITHM = "zhitong-draw-v1"


class Stream:
    """SHA-256 in counter mode: block j = SHA-256(prefix || uint64_be(j)), read as 64-bit words."""

    def __init__(self, seed: str, label: str):
        self.prefix = (ALGORITHM.encode() + b"\0" + label.encode() + b"\0" +
                       seed.encode("utf-8") + b"\0")
        self.counter = 0
        self.buffer = b""

    def next_word(self) -> int:
        if not self.buffer:
            self.buffer = hashlib.sha256(self.prefix + self.counter.to_bytes(8, "big")).digest()
            self.counter += 1
        word, self.buffer = self.buffer[:8], self.buffer[8:]
        return int.from_bytes(word, "big")

    def uniform(self, n: int) -> int:
        """Uniform in [0, n): reject words at or above the largest multiple of n below 2^64."""
        limit = 2**64 - (2**64 % n)
        while True:
            u = self.next_word()
            if u < limit:
                return u % n


def canonical(keys):
    return sorted(keys, key=lambda k: k.encode("utf-8"))


def draw(seed: str, pool, roster, target_count: int):
    pool, roster = canonical(pool), canonical(roster)
    if len(set(pool)) != len(pool) or len(set(roster)) != len(roster):
        raise ValueError("duplicate key")
    if len(roster) < 2 or target_count < 1 or not seed:
        raise ValueError("need a seed, two inspectors and a target count of at least 1")
    k = min(target_count, len(pool))
    s = Stream(seed, "targets")
    for i in range(k):
        j = i + s.uniform(len(pool) - i)
        pool[i], pool[j] = pool[j], pool[i]
    s = Stream(seed, "inspectors")
    for i in range(len(roster) - 1):
        j = i + s.uniform(len(roster) - i)
        roster[i], roster[j] = roster[j], roster[i]
    teams = len(roster) // 2
    return [{"key": pool[i], "team": [roster[2 * (i % teams)], roster[2 * (i % teams) + 1]]}
            for i in range(k)]


def keys(items):
    return [item if isinstance(item, str) else item["key"] for item in items]


def main(path: str) -> int:
    with open(path, encoding="utf-8") as f:
        plan = json.load(f)
    if plan["algorithm"] != ALGORITHM:
        print(f"unknown algorithm {plan['algorithm']}")
        return 2
    mine = draw(plan["seed"], keys(plan["pool"]), keys(plan["roster"]), plan["target_count"])
    theirs = [{"key": t["key"], "team": list(t["team"])} for t in plan["draw"]["targets"]]
    for i in range(max(len(mine), len(theirs))):
        a = theirs[i] if i < len(theirs) else None
        b = mine[i] if i < len(mine) else None
        if a != b:
            print(f"mismatch at target {i + 1}: published {a}, recomputed {b}")
            return 1
    print(f"match: {len(mine)} targets recomputed from seed {plan['seed']}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
