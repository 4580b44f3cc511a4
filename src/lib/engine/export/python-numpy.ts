/**
 * The Python (numpy only) that the scikit-learn script carries for what scikit-learn 1.2 lacks: HDBSCAN* when
 * sklearn.cluster.HDBSCAN (scikit-learn ≥ 1.3) is missing, Gower distances with PAM (BUILD + SWAP), and
 * k-prototypes. Each follows the engine's own steps and tie rules (cluster/hdbscan*.ts, cluster/gower.ts,
 * cluster/pam*.ts, cluster/kprototypes*.ts, mixed-data.ts), written from the papers, so on the same file the
 * script gives the page's labels. Pasted into python.ts's script as is: no template substitutions inside.
 */
export const NUMPY_ALGORITHMS = String.raw`
# ---- Written for this export in plain numpy (no package beyond numpy is needed) ---------------------------------
# PAM with --refit keeps an n x n matrix (8 n^2 bytes: 80 MB at 3,000 rows, 800 MB at 10,000); HDBSCAN and
# k-prototypes keep O(n) memory but take O(n^2) time (HDBSCAN) or a Python loop over rows (k-prototypes --refit).
MATRIX_MAX_ROWS = 10000  # as Segment Lab's own limit for PAM on Gower distances (400 MB condensed)


def check_rows(n, what, instead):
    if n > MATRIX_MAX_ROWS:
        raise SystemExit(f"{what} here keeps an n x n matrix: {n:,} rows is more than {MATRIX_MAX_ROWS:,}. {instead}")


def pairwise_sq(A, B):
    """Squared Euclidean distances, summed feature by feature in order (the engine's sums, bit for bit)."""
    S = np.zeros((len(A), len(B)))
    for j in range(A.shape[1]):
        diff = A[:, j][:, None] - B[:, j][None, :]
        S += diff * diff
    return S


def hdbscan_numpy(X, min_cluster_size, min_samples, selection):
    """HDBSCAN* (Campello, Moulavi & Sander 2013; McInnes & Healy 2017) as Segment Lab runs it; noise is -1.

    1 core distance = distance to the min_samples-th nearest row, the row itself counted first;
    2 mutual reachability of a and b = max(core a, core b, |a - b|); its minimum spanning tree by Prim from row 0,
      the lowest row first among equal weights;
    3 single-linkage merges in increasing weight (equal weights in the tree's order), condensed with
      min_cluster_size: a part smaller than that falls out of its cluster as noise at that lambda = 1 / distance;
    4 stability of a cluster = sum over its rows of (lambda - lambda_birth); 'eom' keeps a cluster when its
      stability is at least the summed stabilities kept below it (the root is never kept: no single cluster),
      'leaf' keeps the clusters with no child cluster; a row takes the kept cluster at or above where it fell out.
    """
    n = len(X)
    # Memory stays O(n) (distances in blocks of rows); time is O(n^2): 3.7 s at 5,000 x 8 here, so about a minute at 20,000.
    core = np.zeros(n)
    if min_samples > 1:
        for b in range(0, n, 512):
            S = pairwise_sq(X[b:b + 512], X)
            core[b:b + 512] = np.sqrt(np.partition(S, min_samples - 1, axis=1)[:, min_samples - 1])
    fringe = np.full(n, np.inf)
    parent = np.zeros(n, dtype=int)
    outside = np.ones(n, dtype=bool)
    outside[0] = False
    current = 0
    edges = []
    for _ in range(n - 1):
        rest = np.flatnonzero(outside)
        r = np.maximum(np.sqrt(pairwise_sq(X[rest], X[current:current + 1])[:, 0]), np.maximum(core[current], core[rest]))
        better = r < fringe[rest]
        fringe[rest[better]] = r[better]
        parent[rest[better]] = current
        nxt = rest[np.argmin(fringe[rest])]
        edges.append((int(parent[nxt]), int(nxt), float(fringe[nxt])))
        outside[nxt] = False
        current = nxt
    # Single linkage (union by size; the surviving root stands for the new node n + merge number).
    uf, node, count = list(range(n)), list(range(n)), [1] * n

    def find(a):
        while uf[a] != a:
            uf[a] = uf[uf[a]]
            a = uf[a]
        return a

    left, right, height, size = [], [], [], []
    for e in np.argsort(np.array([w for _, _, w in edges]), kind="stable"):
        a, b = find(edges[e][0]), find(edges[e][1])
        left.append(node[a]); right.append(node[b]); height.append(edges[e][2]); size.append(count[a] + count[b])
        big, small = (a, b) if count[a] >= count[b] else (b, a)
        uf[small] = big
        count[big] += count[small]
        node[big] = n + len(left) - 1
    # Condensed tree rows (parent cluster, child, lambda, child size); clusters are numbered from n (the root).
    tree = []
    if n >= 2:
        size_of = lambda v: 1 if v < n else size[v - n]
        relabel = {2 * n - 2: n}
        next_cluster = n + 1
        queue = [2 * n - 2]
        head = 0
        while head < len(queue):
            v = queue[head]
            head += 1
            cluster, l, r, h = relabel[v], left[v - n], right[v - n], height[v - n]
            lam = 1.0 / h if h > 0 else np.inf
            lc, rc = size_of(l), size_of(r)
            if lc >= min_cluster_size and rc >= min_cluster_size:
                for side, cnt in ((l, lc), (r, rc)):
                    relabel[side] = next_cluster
                    tree.append((cluster, next_cluster, lam, cnt))
                    next_cluster += 1
                    queue.append(side)
                continue
            for side, cnt in ((l, lc), (r, rc)):
                if cnt < min_cluster_size:
                    stack = [side]
                    while stack:
                        u = stack.pop()
                        if u < n:
                            tree.append((cluster, u, lam, 1))
                        else:
                            stack.append(right[u - n]); stack.append(left[u - n])
                else:
                    relabel[side] = cluster
                    queue.append(side)
        C = next_cluster - n
    else:
        C = 1
    up, birth, has_children = [-1] * C, [0.0] * C, [False] * C
    for p, c, lam, cnt in tree:
        if c >= n:
            up[c - n], birth[c - n] = p - n, lam
            has_children[p - n] = True
    stability = [0.0] * C
    for p, c, lam, cnt in tree:
        stability[p - n] += (lam - birth[p - n]) * cnt
    chosen = [False] * C
    if selection == "leaf":
        for c in range(1, C):
            chosen[c] = not has_children[c]
    else:
        below = [0.0] * C
        for c in range(C - 1, 0, -1):
            best = stability[c]
            if has_children[c] and below[c] > stability[c]:
                best = below[c]
            else:
                chosen[c] = True
            below[up[c]] += best
    label, covered, segment_of = [-1] * C, [False] * C, [-1] * C
    segments = 0
    for c in range(1, C):
        p = up[c]
        covered[c] = covered[p] or (p > 0 and label[p] >= 0)
        if chosen[c] and not covered[c]:
            label[c] = segments
            segments += 1
        segment_of[c] = label[c] if label[c] >= 0 else segment_of[p]
    labels = np.full(n, -1)
    for p, c, lam, cnt in tree:
        if c < n:
            labels[c] = segment_of[p - n]
    return labels


def mixed_view(M):
    """The engine's mixed view of prepared rows: numeric features as prepared, each categorical feature as the
    code of its one-hot indicator that is set (none set: a level of its own). Returns values, nominal flags, weights."""
    vals, nominal, weights, at = [], [], [], 0
    for f in CONFIG["features"]:
        if f["kind"] == "numeric":
            vals.append(M[:, at])
            at += 1
        else:
            w = len(f["levels"])
            block = M[:, at:at + w]
            vals.append(np.where(block.max(axis=1) > 0, block.argmax(axis=1), w).astype(float))
            at += w
        nominal.append(f["kind"] != "numeric")
        weights.append(float(f["mixed_weight"]))
    return np.stack(vals, axis=1), np.array(nominal), np.array(weights)


def gower_scale(V):
    """R daisy's scaling: min and max - min over the present values of each column (1 for a constant column)."""
    lo, hi = np.nanmin(V, axis=0), np.nanmax(V, axis=0)
    span = hi - lo
    return lo, np.where(span == 0, 1.0, span)


def gower(A, B, nominal, weights):
    """Gower (1971) as R's cluster::daisy(metric = "gower") on columns already scaled to [0, 1]: a numeric column
    adds w |x - y|, a nominal one w when the codes differ; a pair where either value is missing skips the column;
    d = sum of contributions / sum of the weights used, summed column by column in order."""
    dlk = np.zeros((len(A), len(B)))
    ppa = np.zeros((len(A), len(B)))
    for j, w in enumerate(weights):
        x, y = A[:, j][:, None], B[:, j][None, :]
        ok = ~(np.isnan(x) | np.isnan(y))
        part = (x != y).astype(float) if nominal[j] else np.abs(x - y)
        ppa += np.where(ok, w, 0.0)
        dlk += np.where(ok, w * part, 0.0)
    if (ppa == 0).any():
        i, k = np.argwhere(ppa == 0)[0]
        raise SystemExit(f"rows {i + 1} and {k + 1} share no present value: their Gower distance is undefined; fill missing values")
    return dlk / ppa


def seqsum(M):
    """Row sums added left to right (as R and the engine add them), so exact ties stay ties."""
    return np.cumsum(M, axis=1)[:, -1]


def pam_gower(D, k):
    """PAM (Kaufman & Rousseeuw 1990), BUILD then SWAP as R's cluster::pam (variant "original"): BUILD adds the row
    that lowers the total distance most (the last on ties); SWAP makes the best medoid/non-medoid swap (the first
    on ties, candidates in row order, then medoids in row order) while it lowers the total. Returns medoid rows."""
    n = len(D)
    big = D.max() * 1.1 + 1
    nearest = np.full(n, big)
    medoid = np.zeros(n, dtype=bool)
    for _ in range(k):
        gain = seqsum(np.maximum(nearest[None, :] - D, 0.0))
        gain[medoid] = -np.inf
        pick = n - 1 - int(np.argmax(gain[::-1]))
        medoid[pick] = True
        nearest = np.minimum(nearest, D[pick])
    cost = float(np.cumsum(nearest)[-1])
    eps = np.finfo(float).eps
    while k >= 2:
        meds = np.flatnonzero(medoid)
        Dm = D[meds]
        two = np.sort(np.vstack([Dm, np.full((1, n), big)]), axis=0)
        near, second = two[0], two[1]
        change = np.full((n, k), np.inf)
        for m in range(k):
            own = Dm[m] == near
            terms = np.where(own[None, :], np.minimum(second[None, :], D) - near[None, :], np.where(D < near[None, :], D - near[None, :], 0.0))
            change[:, m] = seqsum(terms)
        change[medoid] = np.inf
        at = int(np.argmin(change.ravel()))
        dz = change.ravel()[at]
        if not dz < -16 * eps * abs(cost):
            break
        medoid[meds[at % k]] = False
        medoid[at // k] = True
        cost += dz
    return np.flatnonzero(medoid)


def nearest_medoid(D_medoids_rows):
    """Segment of each row: its nearest medoid (medoids in row order, the first among equals)."""
    return D_medoids_rows.argmin(axis=0)


def kproto_parts(M):
    """k-prototypes' view: numeric columns, categorical codes and each category's weight."""
    V, nominal, weights = mixed_view(M)
    return V[:, ~nominal], V[:, nominal].astype(int), weights[nominal]


def kproto_cost(num, cat, cat_w, gamma, means, modes):
    """Huang (1998): squared Euclidean distance on the numbers + gamma x the weighted categories that differ."""
    s = pairwise_sq(num, means)
    mismatch = np.zeros_like(s)
    for a in range(cat.shape[1]):
        mismatch += np.where(cat[:, a][:, None] != modes[:, a][None, :], cat_w[a], 0.0)
    return s + gamma * mismatch


def huang_gamma(num):
    """Huang's rule as the engine applies it: half the mean population standard deviation of the numeric columns."""
    if num.shape[1] == 0 or len(num) == 0:
        return 1.0
    sigma = float(np.mean(num.std(axis=0)))
    return sigma / 2 if sigma > 0 else 1.0


M32 = 0xFFFFFFFF


def rotl32(x, r):
    return ((x << r) | (x >> (32 - r))) & M32


class EngineRng:
    """Segment Lab's seeded generator (xoshiro128**, Blackman & Vigna 2018, seeded through splitmix32), so that
    --refit draws the very starts the page drew."""

    def __init__(self, seed):
        x = (int(seed) & M32) ^ 0x9E3779B9
        s = []
        for _ in range(4):
            x = (x + 0x9E3779B9) & M32
            z = ((x ^ (x >> 16)) * 0x85EBCA6B) & M32
            z = ((z ^ (z >> 13)) * 0xC2B2AE35) & M32
            s.append(z ^ (z >> 16))
        if not any(s):
            s[0] = 1
        self.s = s

    def uint32(self):
        s0, s1, s2, s3 = self.s
        result = (rotl32((s1 * 5) & M32, 7) * 9) & M32
        t = (s1 << 9) & M32
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        self.s = [s0, s1, s2, rotl32(s3, 11)]
        return result

    def int(self, n):
        hi, lo = self.uint32() >> 5, self.uint32() >> 6
        return int((hi * 67108864 + lo) / 9007199254740992 * n)


def derive_seed(seed, *path):
    """Segment Lab's per-k seed (FNV-style mixing of the run's seed with k)."""
    h = (int(seed) & M32) ^ 0x811C9DC5
    for p in path:
        h = ((h ^ (p & M32)) * 0x01000193) & M32
        h = ((h ^ (h >> 15)) * 0x2C1B3C6D) & M32
        h = h ^ (h >> 12)
    return h


def distinct_starts(records, k, rng):
    """k distinct records as the page picks them: up to 20 k random draws, then a scan from a random row."""
    n, picked = len(records), []
    fits = lambda i: all(p != i and not np.array_equal(records[p], records[i]) for p in picked)
    tries = 0
    while tries < 20 * k and len(picked) < k:
        i = rng.int(n)
        if fits(i):
            picked.append(i)
        tries += 1
    start = rng.int(max(1, n))
    for t in range(n):
        if len(picked) >= k:
            break
        if fits((start + t) % n):
            picked.append((start + t) % n)
    if len(picked) < k:
        raise SystemExit(f"k-prototypes needs {k} distinct rows to start from; the data hold only {len(picked)}")
    return picked


def kprototypes_numpy(num, cat, cat_w, gamma, k, n_init, max_passes, seed):
    """Huang's k-prototypes from n_init starts of k distinct records drawn with the page's generator and seed (the
    same starts as the page on the same file), the lowest cost kept: rows join the nearest prototype one by one
    (prototype updated at once), then passes move a row when another prototype is strictly nearer, until a pass
    moves nothing. Ties go to the lowest cluster; a mode tie to the lowest code; a row alone in its cluster stays."""
    n = len(num)
    levels = [int(cat[:, a].max()) + 1 if n else 1 for a in range(cat.shape[1])]
    rng = EngineRng(derive_seed(seed, k))
    best = None
    records = np.hstack([num, cat.astype(float)])
    for _ in range(n_init):
        starts = distinct_starts(records, k, rng)
        means, modes = num[starts].copy(), cat[starts].copy()
        sums, sizes = np.zeros_like(means), np.zeros(k, dtype=int)
        counts = [np.zeros((k, L), dtype=int) for L in levels]
        labels = np.full(n, -1)

        def update(i, l, sign):
            sizes[l] += sign
            sums[l] += sign * num[i]
            for a in range(cat.shape[1]):
                counts[a][l, cat[i, a]] += sign
            if sizes[l] > 0:
                means[l] = sums[l] / sizes[l]
                for a in range(cat.shape[1]):
                    modes[l, a] = int(np.argmax(counts[a][l]))

        for i in range(n):
            l = int(np.argmin(kproto_cost(num[i:i + 1], cat[i:i + 1], cat_w, gamma, means, modes)[0]))
            labels[i] = l
            update(i, l, 1)
        for _ in range(max_passes):
            moved = 0
            for i in range(n):
                cur = labels[i]
                if sizes[cur] == 1:
                    continue
                c = kproto_cost(num[i:i + 1], cat[i:i + 1], cat_w, gamma, means, modes)[0]
                l = int(np.argmin(c))
                if l != cur and c[l] < c[cur]:
                    update(i, cur, -1)
                    update(i, l, 1)
                    labels[i] = l
                    moved += 1
            if moved == 0:
                break
        if (sizes == 0).any():
            continue
        cost = float(np.cumsum(kproto_cost(num, cat, cat_w, gamma, means, modes)[np.arange(n), labels])[-1])
        if best is None or cost < best[0]:
            best = (cost, labels.copy())
    if best is None:
        raise SystemExit(f"k-prototypes could not fill {k} segments from any start; choose a smaller k")
    return best[1]
`;
