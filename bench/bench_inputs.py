"""Benchmark: the input side's throughput — gazetteer lookups per second and reading a large text file.

The test suite checks what these do (a lookup's answer, a 50 MB file decoded whole); how fast they
are is measured here, on demand, and printed. It asserts nothing:

    python3 bench/bench_inputs.py                 # 100.000 lookups, a 50 MB file
    python3 bench/bench_inputs.py --lookups 20000 --megabytes 10
"""
from __future__ import annotations

import argparse
import platform
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # runnable as `python3 bench/bench_inputs.py` from a checkout
    sys.path.insert(0, str(ROOT))

from reportgen.readers import read  # noqa: E402
from reportgen.vietnamese import gazetteer  # noqa: E402

__all__ = ["main"]

NAMES = ("Thường Tín", "Châu Thành", "Hoà Bình", "Phường 5", "Thành phố Vĩnh Long", "Kì Anh", "Phú Quí")
LINE = ("Năm 2019, Đảng bộ huyện kết nạp 412 đảng viên mới, nâng tổng số đảng viên lên 9.240 đồng chí. "
        "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh.\n")


def bench_lookups(count: int) -> float:
    """Seconds for `count` lookups (half filtered by province), the table loaded beforehand."""
    gazetteer.lookup("Hà Nội")
    start = time.perf_counter()
    for i in range(count):
        gazetteer.lookup(NAMES[i % len(NAMES)], province="Hà Nội" if i % 2 else None)
    return time.perf_counter() - start


def bench_read(megabytes: int) -> tuple[float, int]:
    """Seconds to read (detect, decode, normalise line ends of) a UTF-8 file of about `megabytes` MB."""
    data = LINE.encode("utf-8")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "big.txt"
        path.write_bytes(data * (megabytes * 1024 * 1024 // len(data)))
        start = time.perf_counter()
        source = read(path)
        return time.perf_counter() - start, len(source.text)


def main(argv: list[str] | None = None) -> int:
    """Run the two measurements and print their figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lookups", type=int, default=100_000)
    parser.add_argument("--megabytes", type=int, default=50)
    args = parser.parse_args(argv)
    print(f"Python {platform.python_version()}, {platform.machine()}")
    took = bench_lookups(args.lookups)
    print(f"gazetteer: {args.lookups} lookups in {took:.3f} s = {args.lookups / took:,.0f} lookups/s")
    took, chars = bench_read(args.megabytes)
    print(f"reader: {args.megabytes} MB of text ({chars:,} characters) in {took:.2f} s = {args.megabytes / took:.1f} MB/s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
