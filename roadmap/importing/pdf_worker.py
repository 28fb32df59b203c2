"""The PDF parse in its own process: PDF bytes on stdin → JSON on stdout, «page i n» on
stderr as it goes (see :mod:`roadmap.importing.pdf`)."""

import json
import sys


def main() -> None:
    from roadmap.importing.pdf import parse

    data = sys.stdin.buffer.read()

    def report(done: int, total: int) -> None:
        sys.stderr.write(f"page {done} {total}\n")
        sys.stderr.flush()

    sys.setrecursionlimit(5000)
    result = parse(data, report=report)
    sys.stdout.write(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    main()
