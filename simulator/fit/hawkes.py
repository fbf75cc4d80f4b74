"""Maximum likelihood of the engine's Hawkes process on binned counts (pure NumPy).

The engine (see `engine.cascade`, `engine.effects`) makes, under the `ignore` policy, posts at

    lambda(t) = mu + M(t) * (sum_o A_o phi(t - t_o) + beta * sum_i phi(t - t_i))
    M(t) = silence(t) * fatigue(t) * cap(t)

where mu is the background rate, the origin posts t_o have A_o expected direct reactions, every
other post has beta (the base infectiousness) on average, phi is the reaction-time kernel
(exponential with the mean delay, or seismic), silence is the catalogue's penalty for an
unanswered crisis, fatigue halves every half-life of the crisis's age and cap is the share of
the audience not yet drawn in. On bins of width D the expected count of bin k, given the counts
before it, is

    E_k = W(beta M_k) (mu D + M_k (beta sum_{j<k} n_j G(k-j) + sum_o A_o g_o(k)))

with G(d) the kernel's mass from a post anywhere in a bin to the bin d later, g_o(k) the mass
of bin k after t_o, and W(r) = sum_m c_m r^m the bin's own reactions to what it receives (c_m:
the share of m generations that stays inside the bin, followed on a sub-grid). The
fit maximises the Poisson likelihood of the counts by Nelder-Mead on log parameters; the
confidence intervals come from the observed Fisher information (a numerical Hessian), widened
by the Pearson dispersion when the counts vary more than Poisson (the engine's heavy-tailed
follower counts make them do so).
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np

from simulator.catalogue import SEISMIC_FLAT
from simulator.engine.effects import Profile
from simulator.engine.kernels import make_kernel

Z95 = 1.96  # two-sided 95% normal quantile
# Bounds of each parameter (SI units: seconds, per second), inside the scenario model's ranges
# (base <= 3, background <= 1e5 per hour, half-lives <= 30 days) so a fit is always writable.
BOUNDS = {
    "background": (1e-4 / 3600, 1e5 / 3600),
    "base": (1e-3, 3.0),
    "mean_delay": (10.0, 7 * 86400.0),
    "fatigue": (300.0, 30 * 86400.0),
    "origin": (1e-3, 1e7),
}
DEGENERATE = {("base", "high"), ("mean_delay", "low"), ("mean_delay", "high"), ("fatigue", "low")}
X_TOLERANCE = 1e-4  # log-parameters: estimates to 0.01%, far inside their intervals
IN_BIN_GENERATIONS = 40  # generations of reactions followed inside one bin
MAX_IN_BIN_R = 3.0  # the branching ratio inside a bin (the engine caps p(t) at 3x its base)
SUBSTEPS = (4, 64)  # kernel integral points per bin, at least and at most
POINTS_PER_SCALE = 8  # ... and enough for this many per kernel scale (mean delay, flat part)
EXPONENTIAL_REACH = 50  # the exponential kernel's mass past 50 mean delays is nil (e^-50)


@dataclass(frozen=True)
class Setting:
    """What the scenario fixes around the fitted numbers (times in seconds from the first bin)."""

    detected_at: float  # the silence penalty starts an hour after detection
    cap: Callable[[np.ndarray], np.ndarray] | None  # posts made so far -> share of audience left
    origins: tuple[tuple[float, float | None], ...]  # (time, reactions per base) of each origin
    # post; None for the one whose strength is fitted (its `followers` carry it into the file)


@dataclass(frozen=True)
class Data:
    """The counts and everything that does not change during a fit."""

    counts: np.ndarray  # mentions per bin, origin posts removed
    step: float
    silence_cap: np.ndarray  # silence(t) * cap(t) at bin middles
    origin_at: float  # the crisis's age (fatigue) counts from the first origin
    setting: Setting

    @property
    def bins(self) -> int:
        return self.counts.size


@dataclass(frozen=True)
class Estimate:
    value: float
    low: float
    high: float


@dataclass
class Fit:
    """The fitted parameters (SI units) and how well they explain the counts."""

    kernel: str
    estimates: dict[str, Estimate]
    loglik: float
    aic: float
    deviance: float
    dof: int
    r2: float
    dispersion: float
    expected: np.ndarray  # E_k, the one-step-ahead expected count of each bin
    at_bound: list[tuple[str, str]] = field(default_factory=list)  # (parameter, low|high)

    @property
    def degenerate(self) -> bool:
        """Whether the cascade's dynamics ran into a bound that no cascade means (such a fit
        mimics the data with another kernel's shape, e.g. a day-long exponential delay for a
        power law); no background, no self-excitation or no fatigue are plain findings."""
        return any(bound in DEGENERATE for bound in self.at_bound)


def prepare(counts: np.ndarray, step: float, setting: Setting) -> Data:
    """The fit's fixed inputs: counts without the origin posts, silence and audience cap."""
    k = np.arange(counts.size)
    mids = (k + 0.5) * step
    left = counts.astype(np.float64)
    for t, _ in setting.origins:  # an origin post is a mention the cascade did not make
        if 0 <= t < counts.size * step:
            left[int(t // step)] = max(left[int(t // step)] - 1.0, 0.0)
    origin_at = min(t for t, _ in setting.origins)
    silence = Profile(setting.detected_at, None, origin_at).silence(mids)
    before = np.concatenate(([0.0], np.cumsum(counts[:-1]))).astype(np.float64)
    cap = setting.cap(before) if setting.cap is not None else np.ones(counts.size)
    return Data(left, step, silence * cap, origin_at, setting)


def names_for(kernel: str, setting: Setting) -> list[str]:
    """The free parameters of a fit with this kernel (the seismic kernel's shape is fixed)."""
    names = ["background", "base", "mean_delay", "fatigue", "origin"]
    if kernel == "seismic":
        names.remove("mean_delay")
    if all(w is not None for _, w in setting.origins):
        names.remove("origin")
    return names


def _masses(integral: np.ndarray, width: float, cells: int) -> np.ndarray:
    """From J_d (the survival's integral to d cells), the kernel's mass from a post uniform in
    a cell to the cell d on, for d = 0..cells-1."""
    g = np.empty(cells)
    g[0] = 1.0 - integral[1] / width
    g[1:] = (
        (integral[1:cells] - integral[: cells - 1]) - (integral[2:] - integral[1:cells])
    ) / width
    return np.maximum(g, 0.0)


def _kernel_masses(
    kernel: str, mean_delay: float, step: float, bins: int
) -> tuple[np.ndarray, np.ndarray]:
    """G(d) for d = 0..bins-1 (the kernel's mass from a post uniform in a bin to the bin d on),
    and the in-bin generations c_m: the mass that m generations of reactions to posts spread
    evenly over a bin keep inside it (c_0 = 1; c_1 = G(0); later ones, made later in the bin,
    keep less of theirs)."""
    scale = mean_delay if kernel == "exponential" else SEISMIC_FLAT
    sub = int(np.clip(np.ceil(POINTS_PER_SCALE * step / scale), *SUBSTEPS))
    reach = bins
    if kernel == "exponential":  # a power law reaches every bin; an exponential does not
        reach = int(min(bins, np.ceil(EXPONENTIAL_REACH * mean_delay / step) + 1))
    fine = step / sub
    x = np.arange((max(reach, 1) + 1) * sub + 1) * fine
    s = make_kernel(kernel, mean_delay).survival(x)
    integral = np.concatenate(([0.0], np.cumsum((s[1:] + s[:-1]) * (fine / 2))))
    inside = _masses(integral[: sub + 2], fine, sub + 1)[:sub]  # cell to cell within a bin
    spread = np.full(sub, 1.0 / sub)
    generations = [1.0]
    for _ in range(IN_BIN_GENERATIONS):
        spread = np.convolve(spread, inside)[:sub]
        generations.append(float(spread.sum()))
    g = np.zeros(bins)
    g[:reach] = _masses(integral[::sub][: reach + 1], step, reach)
    return g, np.array(generations)


def _convolve(counts: np.ndarray, g: np.ndarray) -> np.ndarray:
    """sum_{j<k} counts_j g(k - j) for each k (g(0) left out)."""
    n = counts.size
    lagged = np.concatenate(([0.0], g[1:]))
    if n <= 1024:
        return np.convolve(counts, lagged)[:n]
    size = 1 << (2 * n - 1).bit_length()
    out = np.fft.irfft(np.fft.rfft(counts, size) * np.fft.rfft(lagged, size), size)[:n]
    return np.maximum(out, 0.0)


def expected(data: Data, kernel: str, p: dict[str, float]) -> np.ndarray:
    """E_k for every bin at parameters p (SI units)."""
    n, step = data.bins, data.step
    delay = p.get("mean_delay", 1800.0)
    g, generations = _kernel_masses(kernel, delay, step, n)
    fatigue = Profile(0.0, p["fatigue"], data.origin_at).fatigue(
        (np.arange(n) + 0.5) * step, np.zeros(n, dtype=np.int64)
    )
    m = data.silence_cap * fatigue
    survival = make_kernel(kernel, delay).survival
    edges = np.arange(n + 1) * step
    impulses = np.zeros(n)
    for t, per_base in data.setting.origins:
        a = p["origin"] if per_base is None else p["base"] * per_base
        impulses += a * (survival(edges[:-1] - t) - survival(edges[1:] - t))
    excited = m * (p["base"] * _convolve(data.counts, g) + impulses)
    within = np.polynomial.polynomial.polyval(np.minimum(p["base"] * m, MAX_IN_BIN_R), generations)
    return (p["background"] * step + excited) * within


def loglik(data: Data, kernel: str, p: dict[str, float]) -> float:
    """The Poisson log-likelihood of the counts (without the constant log n! terms)."""
    e = np.maximum(expected(data, kernel, p), 1e-300)
    return float(np.sum(data.counts * np.log(e) - e))


def nelder_mead(
    f: Callable[[np.ndarray], float],
    x0: np.ndarray,
    scale: float = 0.5,
    tol: float = 1e-7,
    max_evals: int = 4000,
) -> tuple[np.ndarray, float]:
    """Minimise f from x0 (the standard adaptive-free Nelder-Mead); the best point and value."""
    dim = x0.size
    simplex = np.vstack([x0] + [x0 + scale * np.eye(dim)[i] for i in range(dim)])
    values = np.array([f(x) for x in simplex])
    evals = dim + 1
    while evals < max_evals:
        order = np.argsort(values)
        simplex, values = simplex[order], values[order]
        if (
            abs(values[-1] - values[0]) < tol * (1 + abs(values[0]))
            and np.ptp(simplex, 0).max() < X_TOLERANCE
        ):
            break
        centroid = simplex[:-1].mean(axis=0)
        reflected = centroid + (centroid - simplex[-1])
        fr = f(reflected)
        evals += 1
        if fr < values[0]:
            expanded = centroid + 2 * (centroid - simplex[-1])
            fe = f(expanded)
            evals += 1
            simplex[-1], values[-1] = (expanded, fe) if fe < fr else (reflected, fr)
        elif fr < values[-2]:
            simplex[-1], values[-1] = reflected, fr
        else:
            inside = fr >= values[-1]
            contracted = centroid + (0.5 if not inside else -0.5) * (centroid - simplex[-1])
            fc = f(contracted)
            evals += 1
            if fc < min(fr, values[-1]):
                simplex[-1], values[-1] = contracted, fc
            else:
                simplex[1:] = simplex[0] + 0.5 * (simplex[1:] - simplex[0])
                values[1:] = [f(x) for x in simplex[1:]]
                evals += dim
    best = int(np.argmin(values))
    return simplex[best], float(values[best])


def _hessian(f: Callable[[np.ndarray], float], x: np.ndarray, h: float = 1e-3) -> np.ndarray:
    """Central finite differences of f at x."""
    dim = x.size
    out = np.empty((dim, dim))
    eye = np.eye(dim) * h
    for i in range(dim):
        for j in range(i, dim):
            out[i, j] = out[j, i] = (
                f(x + eye[i] + eye[j])
                - f(x + eye[i] - eye[j])
                - f(x - eye[i] + eye[j])
                + f(x - eye[i] - eye[j])
            ) / (4 * h * h)
    return out


def _starts(data: Data, kernel: str, names: Sequence[str]) -> list[dict[str, float]]:
    """A few starting points from the counts' own scale."""
    counts, step = data.counts, data.step
    quiet = float(np.percentile(counts, 10))
    span = step * data.bins
    starts = []
    for base, delay in ((0.6, max(step, 600.0)), (0.95, max(4 * step, 3600.0))):
        starts.append(
            {
                "background": max(quiet, 0.05) / step,
                "base": base,
                "mean_delay": delay,
                "fatigue": span / 2,
                "origin": max(float(counts.max()), 1.0),
            }
        )
    return [{k: v for k, v in s.items() if k in names} for s in starts]


def fit(data: Data, kernel: str) -> Fit:
    """The maximum-likelihood parameters with a kernel family, their 95% intervals and the
    goodness of fit."""
    names = names_for(kernel, data.setting)
    low = np.log([BOUNDS[n][0] for n in names])
    high = np.log([BOUNDS[n][1] for n in names])

    def params(x: np.ndarray) -> dict[str, float]:
        return dict(zip(names, np.exp(np.clip(x, low, high)).tolist(), strict=True))

    def objective(x: np.ndarray) -> float:
        outside = float(np.sum(np.maximum(low - x, 0) ** 2 + np.maximum(x - high, 0) ** 2))
        return -loglik(data, kernel, params(x)) + 1e6 * outside

    best: tuple[np.ndarray, float] | None = None
    for start in _starts(data, kernel, names):
        x, value = nelder_mead(objective, np.log([start[n] for n in names]))
        x, value = nelder_mead(objective, x, scale=0.1)  # a restart polishes a collapsed simplex
        if best is None or value < best[1]:
            best = (x, value)
    assert best is not None
    x = np.clip(best[0], low, high)
    p = params(x)
    e = expected(data, kernel, p)
    counts = data.counts
    dof = max(counts.size - len(names), 1)
    dispersion = max(1.0, float(np.sum((counts - e) ** 2 / np.maximum(e, 1e-9))) / dof)
    try:
        cov = np.linalg.inv(_hessian(objective, x)) * dispersion
        se = np.sqrt(np.where(np.diag(cov) > 0, np.diag(cov), np.nan))
    except np.linalg.LinAlgError:
        se = np.full(len(names), np.nan)
    estimates = {
        n: Estimate(p[n], float(np.exp(x[i] - Z95 * se[i])), float(np.exp(x[i] + Z95 * se[i])))
        for i, n in enumerate(names)
    }
    at_bound = [
        (n, "low" if x[i] <= low[i] + 1e-6 else "high")
        for i, n in enumerate(names)
        if x[i] <= low[i] + 1e-6 or x[i] >= high[i] - 1e-6
    ]
    ll = -best[1]
    positive = counts > 0
    deviance = 2 * float(
        np.sum(counts[positive] * np.log(counts[positive] / e[positive])) - np.sum(counts - e)
    )
    total = float(np.sum((counts - counts.mean()) ** 2))
    r2 = 1.0 - float(np.sum((counts - e) ** 2)) / total if total else 0.0
    return Fit(
        kernel=kernel,
        estimates=estimates,
        loglik=ll,
        aic=2 * len(names) - 2 * ll,
        deviance=deviance,
        dof=dof,
        r2=r2,
        dispersion=dispersion,
        expected=e,
        at_bound=at_bound,
    )
