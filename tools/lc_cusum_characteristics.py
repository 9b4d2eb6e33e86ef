#!/usr/bin/env python3
"""What the LC-CUSUM rule of `mnsim grade` does to trainees of a known failure rate, computed
exactly (no simulation): the chance of being declared proficient within N attempts, and the
median attempt of declaration, for the rule's parameters (docs/formats/cohort.md).

    tools/lc_cusum_characteristics.py [--p0 0.10] [--p1 0.40] [--limit 2.5] [--attempts 20]

A trainee's sum only ever takes values a*up + b*down (a, b whole), so the distribution of the
sum after each attempt is a finite table: dynamic programming over it gives exact figures.
"""
import argparse
import math
from collections import defaultdict


def characteristics(p0, p1, limit, attempts, failure_rate):
    up, down = math.log((1 - p0) / (1 - p1)), math.log(p0 / p1)
    states = {0.0: 1.0}  # sum -> probability, among trainees not yet declared
    declared, median = 0.0, None
    for n in range(1, attempts + 1):
        nxt = defaultdict(float)
        for s, p in states.items():
            for step, q in ((up, 1 - failure_rate), (down, failure_rate)):
                t = round(max(0.0, s + step), 12)
                if t >= limit:
                    declared += p * q
                else:
                    nxt[t] += p * q
        states = nxt
        if median is None and declared >= 0.5:
            median = n
    return declared, median


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--p0", type=float, default=0.10, help="acceptable failure rate")
    ap.add_argument("--p1", type=float, default=0.40, help="unacceptable failure rate")
    ap.add_argument("--limit", type=float, default=2.5, help="decision limit h")
    ap.add_argument("--attempts", type=int, default=20)
    a = ap.parse_args()
    print(f"LC-CUSUM p0={a.p0} p1={a.p1} h={a.limit}, within {a.attempts} attempts")
    print("true failure rate | declared proficient | median attempt of declaration")
    for rate in (0.0, 0.05, a.p0, 0.2, 0.3, a.p1, 0.5):
        d, m = characteristics(a.p0, a.p1, a.limit, a.attempts, rate)
        print(f"{rate:17.2f} | {100 * d:18.1f}% | {m if m else '-'}")


if __name__ == "__main__":
    main()
