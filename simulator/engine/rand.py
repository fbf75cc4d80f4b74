"""Counter-based randomness: every draw is a hash of (seed, identity, stream).

No generator state is carried between draws, so a potential post's draws depend only on its
identity. That is what couples two runs on the same seed under different actions, and keeps
results identical across NumPy versions and machines (only integer ops and IEEE arithmetic).
"""

import numpy as np

_GOLDEN = np.uint64(0x9E3779B97F4A7C15)
_M1 = np.uint64(0xBF58476D1CE4E5B9)
_M2 = np.uint64(0x94D049BB133111EB)
_LOW32 = np.uint64(0xFFFFFFFF)
_S30, _S27, _S31, _S32 = (np.uint64(n) for n in (30, 27, 31, 32))
_INV32 = 1.0 / 4294967296.0
BLOCK = 1 << 15  # elements per pass over a long array (an audience): each pass stays in cache

# Streams: independent hashes of one identity.
DELAY_KEEP = np.uint64(0xA1)
AUTHOR_SENTIMENT = np.uint64(0xB2)
MARKS = np.uint64(0xC3)

# Tags: the first part of a key after the seed, one per kind of draw (values are pinned:
# changing one changes every trajectory).
POPULATION = 0xA0D1  # roles, followers and activity of the audience
ROOT_IDS = 0x5007  # identities of the scheduled root posts (origin, injects, consequences)
BACKGROUND = 0xB6  # times and identities of the background posts
PERSONA = 0xFACE  # an account's name, handle and city (Faker's seed)
_LOW16, _LOW8 = np.uint64(0xFFFF), np.uint64(0xFF)
_S16, _S24 = np.uint64(16), np.uint64(24)


def mix64(x: np.ndarray) -> np.ndarray:
    """SplitMix64 finaliser on a uint64 array (array arithmetic wraps without warnings); in
    place on one fresh array and one scratch (it is the engine's hottest function)."""
    z = x + _GOLDEN
    s = z >> _S30
    z ^= s
    z *= _M1
    np.right_shift(z, _S27, out=s)
    z ^= s
    z *= _M2
    np.right_shift(z, _S31, out=s)
    z ^= s
    return z


def key(*parts: int) -> np.uint64:
    """One uint64 key from integers (seed, counters, tags)."""
    h = np.array([0], dtype=np.uint64)
    for p in parts:
        h = mix64(h ^ np.array([p & 0xFFFFFFFFFFFFFFFF], dtype=np.uint64))
    return h[0]


def child_ids(parent_ids: np.ndarray, index: np.ndarray) -> np.ndarray:
    """Identity of the index-th potential child of each parent."""
    return mix64(parent_ids ^ ((index.astype(np.uint64) + np.uint64(1)) * _M2))


def stream(ids: np.ndarray, tag: np.uint64) -> tuple[np.ndarray, np.ndarray]:
    """Two uniforms in [0, 1) for each identity in one stream."""
    h = mix64(ids ^ tag)
    return (h >> _S32).astype(np.float64) * _INV32, (h & _LOW32).astype(np.float64) * _INV32


def stream4(ids: np.ndarray, tag: np.uint64) -> tuple[np.ndarray, ...]:
    """Four uniforms from one hash: 32, 16, 8 and 8 bits of resolution."""
    h = mix64(ids ^ tag)
    lo = h & _LOW32
    return (
        (h >> _S32).astype(np.float64) * _INV32,
        (lo & _LOW16).astype(np.float64) / 65536.0,
        ((lo >> _S16) & _LOW8).astype(np.float64) / 256.0,
        (lo >> _S24).astype(np.float64) / 256.0,
    )


def uniforms(base: np.uint64, n: int, tag: int = 0) -> np.ndarray:
    """n uniforms in [0, 1) for counters 0..n-1 under a key."""
    k = key(int(base), tag)
    out = np.empty(n)
    for start in range(0, n, BLOCK):
        ids = np.arange(start, min(n, start + BLOCK), dtype=np.uint64) ^ k
        h = mix64(mix64(ids) ^ DELAY_KEEP)  # the first of `stream`'s two uniforms
        out[start : start + BLOCK] = (h >> _S32).astype(np.float64) * _INV32
    return out


# Acklam's rational approximation of the standard normal quantile (rel. error < 1.2e-9).
_A = (
    -3.969683028665376e01,
    2.209460984245205e02,
    -2.759285104469687e02,
    1.383577518672690e02,
    -3.066479806614716e01,
    2.506628277459239e00,
)
_B = (
    -5.447609879822406e01,
    1.615858368580409e02,
    -1.556989798598866e02,
    6.680131188771972e01,
    -1.328068155288572e01,
)
_C = (
    -7.784894002430293e-03,
    -3.223964580411365e-01,
    -2.400758277161838e00,
    -2.549732539343734e00,
    4.374664141464968e00,
    2.938163982698783e00,
)
_D = (7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e00, 3.754408661907416e00)


def normal_quantile(u: np.ndarray) -> np.ndarray:
    """Standard normal quantile of u in (0, 1), vectorised."""
    if u.size > BLOCK:
        return np.concatenate([normal_quantile(u[s : s + BLOCK]) for s in range(0, u.size, BLOCK)])
    u = np.clip(u, 1e-12, 1 - 1e-12)
    out = np.empty_like(u)
    lo, hi = u < 0.02425, u > 1 - 0.02425
    mid = ~(lo | hi)
    q = u[mid] - 0.5
    r = q * q
    num = (((((_A[0] * r + _A[1]) * r + _A[2]) * r + _A[3]) * r + _A[4]) * r + _A[5]) * q
    den = ((((_B[0] * r + _B[1]) * r + _B[2]) * r + _B[3]) * r + _B[4]) * r + 1
    out[mid] = num / den
    for mask, sign, tail in ((lo, 1.0, u[lo]), (hi, -1.0, 1 - u[hi])):
        q = np.sqrt(-2 * np.log(tail))
        num = ((((_C[0] * q + _C[1]) * q + _C[2]) * q + _C[3]) * q + _C[4]) * q + _C[5]
        den = (((_D[0] * q + _D[1]) * q + _D[2]) * q + _D[3]) * q + 1
        out[mask] = sign * num / den
    return out


def poisson(lam: np.ndarray, u: np.ndarray) -> np.ndarray:
    """Poisson counts by inversion of u (a normal approximation above a mean of 12)."""
    k = np.zeros(lam.shape, dtype=np.int64)
    big = lam > 12
    if big.any():
        z = normal_quantile(u[big])
        k[big] = np.maximum(0, np.floor(lam[big] + np.sqrt(lam[big]) * z + 0.5)).astype(np.int64)
        small = ~big
        k[small] = poisson(lam[small], u[small])
        return k
    if lam.size == 0:
        return k
    if lam.size > 256:  # sequential inversion on the shrinking set of undecided draws
        p = np.exp(-lam)
        cdf = p.copy()
        live = np.flatnonzero(u >= cdf)
        n = 0
        while live.size and n < 100:
            n += 1
            k[live] = n
            p[live] *= lam[live] / n
            cdf[live] += p[live]
            live = live[u[live] >= cdf[live]]
        return k
    top = int(np.ceil(lam.max() + 7 * np.sqrt(lam.max()) + 8))  # one matrix for few draws
    terms = np.empty((lam.size, top))
    terms[:, 0] = np.exp(-lam)
    terms[:, 1:] = lam[:, None] / np.arange(1, top)
    cdf = np.cumsum(np.cumprod(terms, axis=1), axis=1)
    return np.count_nonzero(u[:, None] >= cdf, axis=1)


def clip(x: np.ndarray | float, lo: float, hi: float) -> np.ndarray:
    """np.clip without its dispatch overhead (it runs on small arrays in hot loops)."""
    return np.minimum(np.maximum(x, lo), hi)
