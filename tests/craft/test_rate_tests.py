"""The one-sided tests behind rate-based craft notes (craft/wording.py)."""

from fractions import Fraction
from math import comb

from hypothesis import given
from hypothesis import strategies as st

from betareader.craft.wording import binom_above, binom_tail


def _exact(k: int, n: int, p: float) -> float:
    q = Fraction(p)
    return float(sum(comb(n, i) * q**i * (1 - q) ** (n - i) for i in range(k, n + 1)))


@given(st.integers(1, 250), st.floats(0.001, 0.7), st.data())
def test_the_tail_matches_exact_arithmetic(n, p, data):
    k = data.draw(st.integers(1, n))
    exact, got = _exact(k, n, p), binom_tail(k, n, p)
    if got == 1.0:
        assert exact >= 0.5  # at or below the median, only "not small" matters
    else:
        assert abs(got - exact) <= 1e-9 * exact + 1e-300
    assert binom_above(k, n, p) == (k >= 3 and exact < 0.05)


def test_a_long_work_does_not_overflow():
    # a 570,000-word work: some 60,000 dialogue tags, 9,000 with an adverb against 12% in print
    assert binom_above(9_000, 60_000, 0.12)
    assert not binom_above(7_300, 60_000, 0.12)
    assert binom_tail(200_000, 1_000_000, 0.1) < 1e-300


def test_a_long_work_still_gets_a_poisson_tail():
    from betareader.craft.wording import poisson_above, poisson_tail

    # 600,000 words at 2 per 1,000 expect 1,200: 1,400 is clearly more, 1,210 is not
    assert poisson_above(1_400, 600_000, 2.0)
    assert not poisson_above(1_210, 600_000, 2.0)
    assert poisson_tail(1_100, 1_200.0) == 1.0
    # where both ways work they agree
    lam = 690.0
    for k in (700, 740, 780):
        from math import exp, lgamma, log

        direct = sum(exp(-lam + i * log(lam) - lgamma(i + 1)) for i in range(k, 3_000))
        assert abs(poisson_tail(k, lam) - direct) < 1e-9
