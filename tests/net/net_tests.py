"""tests/net/net_tests.py - every host test of the network, for
tools/run-tests (the kind "net"), a few at a time:

- user_network_test.py   a guest on QEMU's user network (restrict=on) and
                         the host, through forwards on 127.0.0.1
- malformed_test.py      frames made by hand on a virtual cable: UDP both
                         ways, malformed frames, structured random frames
                         (random_frames.py), segments on an established
                         connection (established_test.py), a SYN flood,
                         the counters
- pair_test.py           two guests on one cable (tools/run-pair)

    run_all(build, jobs) -> [(name, passed, detail)]
    python3 tests/net/net_tests.py [BUILD]     (default build; prints PASS/FAIL lines)"""
import concurrent.futures
import os
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import malformed_test  # noqa: E402
import pair_test  # noqa: E402
import user_network_test  # noqa: E402
from net_guest import ROOT, GuestImage  # noqa: E402


def run_all(build, jobs=3):
    with tempfile.TemporaryDirectory(prefix="net-tests.") as work:
        try:
            image = GuestImage(build, work)
        except Exception as error:        # a program of tests/net that does not compile
            detail = getattr(error, "stderr", "") or str(error)
            return [("net.programs_compile", False, detail)]
        # the cable's test first: a minute, most of it waiting for the
        # flood's half-open connections to time out, while the others run
        runs = [lambda: malformed_test.run_all(image)] + \
            [lambda t=t: t(image) for t in user_network_test.TESTS] + [lambda: pair_test.run_all(build)]
        results = []
        with concurrent.futures.ThreadPoolExecutor(max_workers=jobs) as pool:
            for found in pool.map(lambda run: run(), runs):
                results += found
        return results


if __name__ == "__main__":
    build = sys.argv[1] if len(sys.argv) > 1 else "build"
    build = build if os.path.isabs(build) else os.path.join(ROOT, build)
    outcome = run_all(build)
    for name, passed, detail in outcome:
        print(("PASS " if passed else "FAIL ") + name + ("" if passed or not detail else ": " + detail))
    failed = sum(1 for _, passed, _ in outcome if not passed)
    print("%d passed, %d failed" % (len(outcome) - failed, failed))
    sys.exit(1 if failed else 0)
