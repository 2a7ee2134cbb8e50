#!/usr/bin/env python3
"""tests/disk/crash_test.py [--build DIR] [--runs N | --seed S] - power cut
during disk writes (`make crash`; three fixed seeds in `make test`).

Each run boots on a fresh disk image with /bin/disk_write_storm SEED
(tests/disk/programs/disk_write_storm.c) and kills QEMU with SIGKILL at a
random moment of the storm: the power cut. Then

  - `e2fsck -fp` on the image exits 0 or 1: it repaired what the cut left
    without asking (4 or more: errors it would not touch alone);
  - `e2fsck -fn` after it exits 0: the repair is complete;
  - every file the storm announced as "fsynced NAME SIZE CHECKSUM" before
    the cut is on the disk with that size and checksum (debugfs cat).

The guest runs in real time (no -icount, unlike the other boots): the host's
clock places the cut, so where it falls in the guest's work varies from run
to run. The seed chooses the storm's operations and the delay of the cut
(between KILL_AFTER_MIN and KILL_AFTER_MAX seconds after "storm started").
Each run prints its seed; `make crash SEED=n` replays that run (the storm
exactly, the cut at about the same place)."""
import argparse
import os
import random
import re
import signal
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import disk_image  # noqa: E402
sys.path.insert(0, os.path.join(disk_image.ROOT, "tools"))
import qemu_boot  # noqa: E402

STORM = os.path.join(HERE, "programs", "disk_write_storm.c")
IMAGE_SIZE = "16M"
KILL_AFTER_MIN = 0.2          # seconds after the storm started
KILL_AFTER_MAX = 10.0         # past the cache's write-back age (kernel/fs/block_cache.h): cuts land in the flusher's writes too
START_TIMEOUT = 120           # seconds for the boot to reach the storm
SEED_MAX = 2 ** 31 - 1
FSYNCED = re.compile(rb"^fsynced (\S+) (\d+) ([0-9a-f]{8})\r?$", re.M)


def tail(text, lines=15):
    return "\n    ".join(text.strip().splitlines()[-lines:])


def storm_until_killed(kernel, initrd, image, seed):
    """Boots the storm on `image` and kills QEMU KILL_AFTER_MIN..MAX seconds
    after it started. (serial output as bytes, a problem or None, the delay)."""
    kill_after = random.Random(seed).uniform(KILL_AFTER_MIN, KILL_AFTER_MAX)
    command = qemu_boot.qemu_command() + ["-display", "none", "-serial", "stdio", "-monitor", "none",
                                          "-kernel", kernel, "-initrd", initrd, "-append",
                                          "serial=raw quiet panic=poweroff -- --run /bin/disk_write_storm %d" % seed
                                          ] + disk_image.drive_options(image)
    process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    os.set_blocking(process.stdout.fileno(), False)
    output, problem = b"", None
    deadline, kill_at = time.time() + START_TIMEOUT, None
    while True:
        chunk = process.stdout.read()
        if chunk:
            output += chunk
            if kill_at is None and b"storm started" in output:
                kill_at = time.time() + kill_after
            continue
        if process.poll() is not None:
            problem = "QEMU ended before the cut (exit code %s): the storm stopped" % process.returncode
            break
        now = time.time()
        if kill_at is not None and now >= kill_at:
            break
        if kill_at is None and now >= deadline:
            problem = "no \"storm started\" within %d s" % START_TIMEOUT
            break
        time.sleep(0.005)
    process.send_signal(signal.SIGKILL)        # the power cut: QEMU writes nothing more
    process.wait()
    output += process.stdout.read() or b""     # what was on the line before the cut
    return output, problem, kill_after


def check_fsynced_files(image, output):
    """Every file announced as fsynced (complete lines only: a line cut in
    half promised nothing) is whole on the image. A list of problems."""
    problems = []
    for name, size, checksum in FSYNCED.findall(output):
        name, size, checksum = name.decode(), int(size), int(checksum, 16)
        data, stderr = disk_image.debugfs(image, "cat /%s" % name)
        complaint = disk_image.debugfs_problem(stderr)
        if complaint:
            problems.append("fsynced %s: %s" % (name, complaint))
        elif len(data) != size or disk_image.checksum(data) != checksum:
            problems.append("fsynced %s: %d bytes, checksum %08x; the guest wrote %d bytes, checksum %08x" % (
                name, len(data), disk_image.checksum(data), size, checksum))
    return problems


def run_one(kernel, initrd, work, seed):
    """One power cut with `seed` on an image in `work`; `initrd` holds
    /bin/disk_write_storm. (name, passed, detail) for tools/run-tests."""
    name = "disk.crash_leaves_an_image_e2fsck_repairs[seed %d]" % seed
    image = os.path.join(work, "crash-%d.img" % seed)
    disk_image.remove(image)
    try:
        disk_image.make_image(image, IMAGE_SIZE)
        output, problem, kill_after = storm_until_killed(kernel, initrd, image, seed)
        text = output.decode("utf-8", "replace")
        problems = [problem] if problem else []
        fsynced = len(FSYNCED.findall(output))
        repair, repair_log = disk_image.e2fsck(image, "-fp")
        if repair not in (disk_image.E2FSCK_CLEAN, disk_image.E2FSCK_CORRECTED):
            problems.append("e2fsck -fp exited %d:\n    %s" % (repair, tail(repair_log, 25)))
        else:
            status, check_log = disk_image.e2fsck(image, "-fn")
            if status != disk_image.E2FSCK_CLEAN:
                problems.append("e2fsck -fn after the repair exited %d:\n    %s" % (status, tail(check_log, 25)))
        problems += check_fsynced_files(image, output)
        if problems:
            return name, False, "%s\n    (cut %.1f s into the storm, %d files fsynced before) serial:\n    %s" % (
                "\n    ".join(problems), kill_after, fsynced, tail(text))
        return name, True, "cut %.1f s into the storm, %d files fsynced before, e2fsck -fp: %s" % (
            kill_after, fsynced, "nothing to repair" if repair == disk_image.E2FSCK_CLEAN else "repaired")
    except (RuntimeError, OSError, subprocess.SubprocessError) as error:
        return name, False, str(error)
    finally:
        disk_image.remove(image)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--build", default="build")
    parser.add_argument("--runs", type=int, default=20, help="power cuts, each with a random seed (default 20)")
    parser.add_argument("--seed", type=int, help="one run with this seed (a replay)")
    args = parser.parse_args()
    build = os.path.join(disk_image.ROOT, args.build) if not os.path.isabs(args.build) else args.build
    kernel = os.path.join(build, "kernel.elf")
    seeds = [args.seed] if args.seed is not None else \
        [random.SystemRandom().randint(1, SEED_MAX) for _ in range(args.runs)]
    failed = []
    with tempfile.TemporaryDirectory(prefix="crash.", dir=build) as work:
        try:
            _, initrd = qemu_boot.image_with_programs(kernel, os.path.join(build, "initrd.tar"), work, [STORM])
        except subprocess.CalledProcessError as error:
            sys.exit("crash: %s does not compile:\n%s" % (STORM, error.stderr))
        for seed in seeds:
            print("seed %d ..." % seed, end=" ", flush=True)
            name, passed, detail = run_one(kernel, initrd, work, seed)
            print(("PASS " if passed else "FAIL ") + detail, flush=True)
            if not passed:
                failed.append(seed)
    print("%d passed, %d failed" % (len(seeds) - len(failed), len(failed)))
    if failed:
        print("replay a failure: make crash SEED=%d" % failed[0])
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
