#!/usr/bin/env python3
"""Shared pieces of scripts/crossval and scripts/corpus-diff (Python 3 standard library only).

- where things are: the repository, ../shared beside it, the scorer;
- train folds: an article's fold is int(sha1(id), 16) % k, so it never depends on the
  order of the corpus or on the other articles;
- binaries: the working tree's `target/release/copydesk`, and any git ref's, built once per
  commit in a cache outside the repository:
  ${XDG_CACHE_HOME:-~/.cache}/copydesk-crossval/<full sha>/{src,copydesk}, with one
  target dir for them all beside (copydesk-crossval/target);
- writing articles to a temporary directory (never inside the repository) for a binary.
"""
import fcntl
import hashlib
import json
import os
import shlex
import shutil
import subprocess
import sys
import tempfile

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CACHE = os.path.join(os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"),
                     "copydesk-crossval")
SPLITS = ("train", "dev")


def die(msg):
    raise SystemExit(f"{os.path.basename(sys.argv[0])}: {msg}")


def shared_dir(given=None):
    """The read-only materials: --shared DIR, else ../shared beside the repository."""
    d = os.path.abspath(given or os.path.join(REPO, "..", "shared"))
    if not os.path.isfile(os.path.join(d, "eval", "score.py")):
        die(f"{d}/eval/score.py not found (pass --shared DIR)")
    return d


def score_py(shared):
    return os.path.join(shared, "eval", "score.py")


def import_score(shared):
    """score.py as a module, for its quoted_runs, overlap, byte_to_cp and cp_span."""
    sys.path.insert(0, os.path.join(shared, "eval"))
    import score
    return score


def corpus_path(shared, split):
    return os.path.join(shared, "corpus", "polnear", f"{split}.jsonl")


def load_articles(shared, split):
    with open(corpus_path(shared, split), encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def fold_of(article_id, k):
    """The train fold of an article: int(sha1(id as UTF-8), 16) % k."""
    return int(hashlib.sha1(article_id.encode("utf-8")).hexdigest(), 16) % k


def cargo_build(src, target_dir=None, quiet=True):
    """cargo build --release --locked in src, at nice 10 (the machine is shared)."""
    env = dict(os.environ)
    if target_dir:
        env["CARGO_TARGET_DIR"] = target_dir
    cmd = ["nice", "-n", "10", "cargo", "build", "--release", "--locked"] + (["--quiet"] if quiet else [])
    print(f"building {src} ...", file=sys.stderr, flush=True)
    if subprocess.run(cmd, cwd=src, env=env).returncode != 0:
        die(f"cargo build --release --locked failed in {src}")


def tree_binary(build=True):
    """The working tree's release binary ($CARGO_TARGET_DIR or target/), built unless build=False."""
    target = os.path.join(REPO, os.environ.get("CARGO_TARGET_DIR", "target"))
    if build:
        cargo_build(REPO, target)
    binary = os.path.join(target, "release", "copydesk")
    if not os.access(binary, os.X_OK):
        die(f"{binary} not found (build it, or drop --no-build)")
    return binary


def ref_sha(ref):
    proc = subprocess.run(["git", "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}"],
                          cwd=REPO, capture_output=True, text=True)
    return proc.stdout.strip() if proc.returncode == 0 else None


def ref_binary(ref):
    """(full sha, release binary) of git ref REF, built once per commit.

    The commit's tree is exported with `git archive` to CACHE/<sha>/src (a plain copy: no
    entry in the repository's shared worktree list, nothing to prune), built there with
    CACHE/target as target dir (outside the repository, so the working tree's target/ is
    never rebuilt for it; shared by all cached commits, so only copydesk itself compiles
    again for a new commit), and the binary copied to CACHE/<sha>/copydesk: a rerun for the
    same commit finds it and builds nothing. A lock keeps two runs from building at once.
    """
    sha = ref_sha(ref)
    if not sha:
        die(f"{ref!r} is not a commit")
    base = os.path.join(CACHE, sha)
    binary = os.path.join(base, "copydesk")
    if os.access(binary, os.X_OK):
        return sha, binary
    os.makedirs(CACHE, exist_ok=True)
    with open(os.path.join(CACHE, "build.lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if os.access(binary, os.X_OK):
            return sha, binary
        src = os.path.join(base, "src")
        shutil.rmtree(src, ignore_errors=True)
        os.makedirs(src)
        archive = subprocess.Popen(["git", "archive", sha], cwd=REPO, stdout=subprocess.PIPE)
        # -m: files dated now, not at the commit, so that cargo, comparing them with what the
        # shared target dir last built (perhaps a newer commit), never takes them as built.
        untar = subprocess.run(["tar", "-x", "-m", "-C", src], stdin=archive.stdout)
        archive.stdout.close()
        if archive.wait() != 0 or untar.returncode != 0:
            die(f"could not export {sha} to {src}")
        print(f"{ref} is {sha[:12]}: building it once, in {base}", file=sys.stderr)
        target = os.path.join(CACHE, "target")
        cargo_build(src, target, quiet=False)
        shutil.copy2(os.path.join(target, "release", "copydesk"), binary + ".part")
        os.replace(binary + ".part", binary)
    return sha, binary


def tool_command(binary):
    """The --tool command score.py runs."""
    return f"{shlex.quote(binary)} check --format json"


def write_articles(articles, directory):
    """Each article's text as <dir>/<id>.txt, exactly as score.py writes them; the paths."""
    paths = []
    for a in articles:
        p = os.path.join(directory, a["id"] + ".txt")
        with open(p, "w", encoding="utf-8") as f:
            f.write(a["text"])
        paths.append(p)
    return paths


def temp_dir(prefix):
    """A temporary directory outside the repository (article texts never go into it)."""
    return tempfile.mkdtemp(prefix=prefix)
