"""The Danish lemma table of spacy-lookups-data, prebuilt once, memory-mapped, looked up by binary search.

``lemma("bussen") -> "bus"``; ``None`` when the table lacks the word.  Keys are
looked up exactly as given (the reader passes lower-case words).

Why not spaCy's own lookup lemmatizer: ``nlp.initialize()`` fills a
``Table`` with the table's 553,116 entries one by one, 2.7 s of CPU and
~200 MiB in every process that reads Danish (each gunicorn worker, each
CLI run).  Here the gzipped JSON is turned once per machine into one sorted
file (``python -m conversations.lemmas build``; the first process that needs
it builds it otherwise), and every process maps that same file read-only:
opening it takes well under a millisecond, the kernel shares its pages
between processes, and a look-up is ~20 comparisons.

File layout (little-endian): ``MAGIC`` (8 bytes), the entry count ``n``
(uint32), 4 bytes padding, ``n + 1`` uint32 offsets into the record area,
then the records ``key \\t lemma`` sorted by the UTF-8 bytes of the key.

Where the file lives: ``$CACHE_DIRECTORY`` (systemd's ``CacheDirectory=``),
else ``$XDG_CACHE_HOME/borgerpanel``, else ``~/.cache/borgerpanel``, else a
folder in the temporary directory; its name carries the source file's size
and modification time and the format version, so an upgraded
``spacy-lookups-data`` gets a new file.  Building writes a temporary file and
renames it into place, so concurrent builders never expose half a file.
"""
from __future__ import annotations

import gzip
import hashlib
import json
import mmap
import os
import struct
import sys
import tempfile
import threading
from pathlib import Path

MAGIC = b"BPLEMMA1"
HEADER = struct.Struct("<8sI4x")
SOURCE_NAME = "da_lemma_lookup.json.gz"

_lock = threading.Lock()
_table: "_Table | None" = None


def source_path() -> Path:
    """The gzipped JSON table inside the installed ``spacy_lookups_data`` package."""
    import importlib.util

    spec = importlib.util.find_spec("spacy_lookups_data")
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError("spacy-lookups-data is not installed")
    return Path(list(spec.submodule_search_locations)[0]) / "data" / SOURCE_NAME


def _cache_dirs() -> list[Path]:
    dirs = []
    if os.environ.get("CACHE_DIRECTORY"):
        dirs.append(Path(os.environ["CACHE_DIRECTORY"].split(":")[0]))
    if os.environ.get("XDG_CACHE_HOME"):
        dirs.append(Path(os.environ["XDG_CACHE_HOME"]) / "borgerpanel")
    dirs.append(Path.home() / ".cache" / "borgerpanel")
    dirs.append(Path(tempfile.gettempdir()) / f"borgerpanel-cache-{os.getuid()}")
    return dirs


def _file_name(source: Path) -> str:
    stat = source.stat()
    tag = hashlib.sha256(f"{source}|{stat.st_size}|{stat.st_mtime_ns}|{MAGIC!r}".encode()).hexdigest()[:16]
    return f"da-lemmas-{tag}.bin"


def build(source: Path, target: Path) -> Path:
    """Write the compact table for ``source`` to ``target`` (atomically)."""
    with gzip.open(source, "rt", encoding="utf-8") as f:
        table = json.load(f)
    records = sorted((str(k).encode("utf-8", "surrogatepass"), str(v).encode("utf-8", "surrogatepass"))
                     for k, v in table.items())
    offsets = [0]
    chunks = []
    position = 0
    for key, value in records:
        record = key + b"\t" + value
        chunks.append(record)
        position += len(record)
        offsets.append(position)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, temporary = tempfile.mkstemp(dir=target.parent, prefix=".lemmas-")
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(HEADER.pack(MAGIC, len(records)))
            out.write(struct.pack(f"<{len(offsets)}I", *offsets))
            out.write(b"".join(chunks))
        os.chmod(temporary, 0o644)
        os.replace(temporary, target)
    except BaseException:
        try:
            os.unlink(temporary)
        except OSError:
            pass
        raise
    return target


def table_path(source: Path | None = None) -> Path:
    """The built file, building it in the first writable cache folder if none exists yet."""
    source = source or source_path()
    name = _file_name(source)
    for folder in _cache_dirs():
        if (folder / name).is_file():
            return folder / name
    error: OSError | None = None
    for folder in _cache_dirs():
        try:
            return build(source, folder / name)
        except OSError as exc:  # not writable here: try the next folder
            error = exc
    raise error or OSError("no cache folder for the lemma table")


class _Table:
    def __init__(self, path: Path):
        with open(path, "rb") as f:
            self._map = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)
        magic, count = HEADER.unpack_from(self._map, 0)
        if magic != MAGIC:
            raise ValueError(f"{path} is not a lemma table")
        self.count = count
        start = HEADER.size
        self._offsets = memoryview(self._map)[start:start + 4 * (count + 1)].cast("I")
        self._base = start + 4 * (count + 1)

    def _record(self, i: int) -> bytes:
        return self._map[self._base + self._offsets[i]:self._base + self._offsets[i + 1]]

    def get(self, word: str) -> str | None:
        try:
            key = word.encode("utf-8")
        except UnicodeEncodeError:  # a lone surrogate: no Danish word
            return None
        low, high = 0, self.count
        while low < high:
            middle = (low + high) // 2
            record = self._record(middle)
            found = record[:record.index(b"\t")]
            if found < key:
                low = middle + 1
            elif found > key:
                high = middle
            else:
                return record[len(found) + 1:].decode("utf-8")
        return None


def _loaded() -> _Table:
    global _table
    if _table is None:
        with _lock:
            if _table is None:
                _table = _Table(table_path())
    return _table


def preload() -> None:
    """Build (once per machine) and map the table now, e.g. before gunicorn forks its workers."""
    _loaded()


def lemma(word: str) -> str | None:
    """The table's lemma of ``word`` (a lower-case surface form), or None when the table lacks it."""
    return _loaded().get(word)


class _Lookup:
    """The table as the reader used spaCy's: ``table.get(word)``, ``word in table``."""

    def get(self, word: str, default: str | None = None) -> str | None:
        found = lemma(word)
        return default if found is None else found

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and lemma(word) is not None


def table() -> _Lookup:
    return _LOOKUP


_LOOKUP = _Lookup()


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] != ["build"]:
        print("usage: python -m conversations.lemmas build", file=sys.stderr)
        return 2
    path = table_path()
    print(f"lemma table: {path} ({_Table(path).count} entries)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
