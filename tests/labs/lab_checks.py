"""tests/labs/lab_checks.py - every lab against the kernel it is cut from
(docs/labs.md), the `labs` kind of tools/run-tests.

    run_all(build, boot_one, earlier, jobs) -> [(test_name, passed, detail), ...]

`boot_one(kernel, initrd, (name, options))` is the caller's: it boots one
run of a boot test and returns [(result_name, passed, detail), ...] as
tools/run-tests names them (boot.NAME, boot.NAME[OPTIONS],
boot.NAME.e2fsck_clean). `earlier` is {result_name: passed} of the boot
tests this run has already made on the reference build, so that they are
not booted twice.

What is checked:
  labs.regions_well_formed        tools/lab check on the tree
  labs.check_finds_<flaw>         a region broken on purpose is refused
  labs.docs_labs_md_links_every_lab  the teachers' chapter lists each
  labs.NAME.cut_is_a_repository_of_one_commit
                                  tools/lab cut as a teacher runs it
  labs.NAME.reference_full_marks  the lab's graded tests pass here
  labs.NAME.student_builds        its student tree builds, -Werror and all
  labs.NAME.student_boots_to_the_shell
  labs.NAME.student_scores_0      every graded test fails there
  labs.every_lab_cut.its_N_runs_pass
                                  a tree with every lab cut runs every boot
                                  test no lab lists (a failing one is named:
                                  labs.every_lab_cut.<TEST>)
  labs.every_lab_cut_but_<LABS>.its_N_runs_pass
                                  a tree with every lab cut but LABS runs the
                                  tests exactly those labs list

The last two boot every test once more (about two minutes here).

The trees are one copy of this tree and its build (build/labs/tree), cut
again in place for each set of labs, so that make compiles only the files
whose regions changed; every boot then runs in one pool.
"""
import concurrent.futures
import importlib.machinery
import importlib.util
import os
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(ROOT, "tools"))
import qemu_boot  # noqa: E402

# What the reference build holds that a student tree's build does not need.
NOT_COPIED = {"O0", "core", "ipc", "debug", "fuzz", "linux", "labs", "iso", "unit", "man",
              "os.iso", "disk.img", "disk-layout.img"}
SHELL_APPEND = "serial=raw quiet panic=poweroff -- --run /bin/sh"
SHELL_INPUT = b"\nsleep 1\necho student-shell-is-up\nexit 7\n"


def load_lab_tool():
    loader = importlib.machinery.SourceFileLoader("lab_tool", os.path.join(ROOT, "tools", "lab"))
    spec = importlib.util.spec_from_loader("lab_tool", loader)
    module = importlib.util.module_from_spec(spec)
    loader.exec_module(module)
    return module


def tail(text, lines=15):
    return "\n    ".join(text.strip().splitlines()[-lines:])


BROKEN_REGIONS = {
    "an_end_missing": "int f(void)\n{\n    // LAB(x) BEGIN: f\n    return 1;\n    // LAB(x) STUB\n"
                      "    // return 0;\n}\n",
    "a_stub_missing": "int f(void)\n{\n    // LAB(x) BEGIN: f\n    return 1;\n    // LAB(x) END\n}\n",
    "nested_regions": "// LAB(x) BEGIN: a\n// LAB(y) BEGIN: b\n// LAB(y) STUB\n// LAB(y) END\n"
                      "// LAB(x) STUB\n// LAB(x) END\n",
    "a_stub_line_not_commented": "// LAB(x) BEGIN: f\nreturn 1;\n// LAB(x) STUB\nreturn 0;\n// LAB(x) END\n",
    "an_end_of_another_lab": "// LAB(x) BEGIN: f\n// LAB(x) STUB\n// LAB(y) END\n",
    "a_marker_inside_a_line": "return 1; // LAB(x) BEGIN: f\n// LAB(x) STUB\n// LAB(x) END\n",
}


def check_regions(lab_tool):
    results = []
    problems = lab_tool.check(ROOT)
    results.append(("labs.regions_well_formed", not problems, "\n    ".join(problems)))
    # each flaw, written into a real source file of a copy: check must name it
    for flaw, text in BROKEN_REGIONS.items():
        with tempfile.NamedTemporaryFile("w", suffix=".c", delete=False) as f:
            f.write(text)
        try:
            found = lab_tool.check(ROOT, [f.name])
        finally:
            os.unlink(f.name)
        results.append(("labs.check_finds_" + flaw, len(found) == 1 and f.name in found[0],
                        "tools/lab check said: %r" % found))
    return results


def seed_build(reference, tree):
    """tree/build as a copy of the reference build, modification times kept."""
    target = os.path.join(tree, "build")
    os.makedirs(target, exist_ok=True)
    for name in os.listdir(reference):
        if name in NOT_COPIED or name.startswith("disk-test."):
            continue                 # (a disk test's own directory, which may go meanwhile)
        source = os.path.join(reference, name)
        if os.path.isdir(source):
            shutil.copytree(source, os.path.join(target, name), symlinks=True, copy_function=shutil.copy2)
        else:
            shutil.copy2(source, os.path.join(target, name))


class CheckTree:
    """One copy of the tree and its build, cut again in place for each
    set of labs: a file is written only when its text changes, so make
    compiles only the files whose regions changed. Other labs' regions
    keep their markers here (comments: the code is the same as in a
    student tree). Each cut's kernel (and tests' image, if the cut
    changed it) is kept in build/labs/kernels/LABEL."""

    def __init__(self, lab_tool, reference, work):
        self.lab_tool, self.reference = lab_tool, reference
        self.root = os.path.join(work, "tree")
        self.kept = os.path.join(work, "kernels")
        for path in (self.root, self.kept):
            if os.path.exists(path):
                shutil.rmtree(path)
        lab_tool.write_tree(self.root, None, [])
        seed_build(reference, self.root)
        self.regions = lab_tool.source_regions(ROOT)
        # the files with regions as they are here, times kept: the copied
        # build is then up to date, and a cut rebuilds only what it changes
        for path in self.regions:
            shutil.copy2(os.path.join(ROOT, path), os.path.join(self.root, path))

    def cut(self, label, labs_cut):
        """Cuts `labs_cut`, builds; returns (kernel, initrd) or raises
        RuntimeError with make's output."""
        for path, (text, _) in self.regions.items():
            wanted = self.lab_tool.cut_source(path, text, labs_cut, keep_others=True)
            target = os.path.join(self.root, path)
            if open(target, encoding="utf-8", errors="surrogateescape").read() != wanted:
                with open(target, "w", encoding="utf-8", errors="surrogateescape") as f:
                    f.write(wanted)
        build = os.path.join(self.root, "build")
        made = subprocess.run(["make", "-s", "--no-print-directory", "-j2", "-C", self.root,
                               "build/kernel.elf", "build/initrd.tar", "build/initrd-tests.tar"],
                              capture_output=True, text=True)
        if made.returncode != 0:
            raise RuntimeError(made.stdout + made.stderr)
        keep = os.path.join(self.kept, label)
        os.makedirs(keep)
        shutil.copy2(os.path.join(build, "kernel.elf"), keep)
        images = []
        for image in ("initrd.tar", "initrd-tests.tar"):
            ours, theirs = os.path.join(build, image), os.path.join(self.reference, image)
            if os.path.getmtime(ours) != os.path.getmtime(theirs):     # the cut reached the libc
                shutil.copy2(ours, keep)
                images.append(os.path.join(keep, image))
            else:
                images.append(theirs)
        return os.path.join(keep, "kernel.elf"), images[0], images[1]


def cut_costs(build, regions, names):
    """{lab: how many objects of the build a cut of it recompiles}: those
    whose dependency files (make's .d) name a file with one of its
    regions. The dependency files are read once, for every lab."""
    dependencies = []
    for directory, subdirectories, files in os.walk(build):
        if directory == build:             # the reference build's own, as seed_build copies it
            subdirectories[:] = [d for d in subdirectories if d not in NOT_COPIED]
        for name in files:
            if name.endswith(".d"):
                with open(os.path.join(directory, name), errors="replace") as f:
                    dependencies.append(f.read())
    costs = {}
    for lab in names:
        paths = [path for path, (_, found) in regions.items() if any(r[0] == lab for r in found)]
        costs[lab] = sum(1 for text in dependencies if any(path in text for path in paths))
    return costs


def boots_to_the_shell(kernel, initrd):
    status, timed_out, out = qemu_boot.boot(kernel, initrd, SHELL_APPEND, 60, stdin_data=SHELL_INPUT)
    up = any(line.strip().endswith("student-shell-is-up") and "echo" not in line for line in out.splitlines())
    return up and status == 7 and not timed_out, "exit status %s%s\n    %s" % (
        status, ", timed out" if timed_out else "", tail(out))


def cut_is_a_repository(lab_tool, name, work):
    """tools/lab cut as a teacher runs it: one commit, labs/assigned, no marker left."""
    dest = os.path.join(work, "cut-" + name)
    if os.path.exists(dest):
        shutil.rmtree(dest)
    try:
        lab_tool.cut(name, dest)
    except Exception as error:      # noqa: BLE001 - reported as the result
        return False, "tools/lab cut: %s" % error
    problems = []
    commits = subprocess.run(["git", "-C", dest, "rev-list", "--count", "HEAD"], capture_output=True, text=True)
    if commits.stdout.strip() != "1":
        problems.append("expected one commit, git says %r" % (commits.stdout.strip() or commits.stderr.strip()))
    assigned = os.path.join(dest, "labs", "assigned")
    if not os.path.exists(assigned) or open(assigned).read().strip() != name:
        problems.append("labs/assigned does not name the lab")
    left = subprocess.run(["git", "-C", dest, "grep", "-nE", r"LAB\([a-z0-9_]+\) (BEGIN|STUB|END)", "--",
                           "*.c", "*.h", "*.asm"], capture_output=True, text=True).stdout
    if left:
        problems.append("markers left in the student tree:\n    " + tail(left))
    shutil.rmtree(dest, ignore_errors=True)
    return not problems, "; ".join(problems)


def run_names(lab_tool, entries):
    return [lab_tool.test_run(entry) for entry in entries]


def result_passed(results):
    return all(passed for _, passed, _ in results)


def every_boot_run(build):
    """Every run tools/run-tests' boot kind makes on a build, as (name, options)."""
    names = sorted(os.listdir(os.path.join(build, "test-root", "tests")))
    return [(n, "") for n in names] + [(n, "nofastpath") for n in names if n.startswith("msg_")]


def run_name(run):
    return run[0] + ("[%s]" % run[1] if run[1] else "")


def run_all(build, boot_one, earlier, jobs=3):
    """`boot_one(kernel, initrd, (name, options))` boots one run and returns
    its results as tools/run-tests names them."""
    if os.path.exists(os.path.join(ROOT, "labs", "assigned")):
        return []       # a student tree: its lab is graded by make grade
    lab_tool = load_lab_tool()
    results = check_regions(lab_tool)
    names = lab_tool.lab_names()
    if not names:
        return results
    labs = {name: lab_tool.read_lab(name) for name in names}
    listed = {name: {e for _, e in lab["grade"]} | set(lab["needs"]) for name, lab in labs.items()}
    work = os.path.join(build, "labs")
    os.makedirs(work, exist_ok=True)
    chapter = open(os.path.join(ROOT, "docs", "labs.md")).read()
    unnamed = [n for n in names if "../labs/%s/README.md" % n not in chapter]
    results.append(("labs.docs_labs_md_links_every_lab", not unnamed,
                    "docs/labs.md has no link to the assignment of " + ", ".join(unnamed)))
    reference_kernel = os.path.join(build, "kernel.elf")
    reference_initrd = os.path.join(build, "initrd-tests.tar")
    # Every boot goes to the pool as soon as its kernel is built, so the
    # boots of one cut run while the next cut builds (the builds are one
    # tree's, one after the other), as many at a time as the machine has
    # cores for.
    boot_pool = concurrent.futures.ThreadPoolExecutor(max_workers=jobs)
    boots = []              # (result prefix, run, its future), in the order submitted

    def submit(prefix, kernel, initrd, run):
        boots.append((prefix, run, boot_pool.submit(boot_one, kernel, initrd, run)))
    student = {}            # lab -> (kernel, initrd), to grade it after the builds
    shells = []             # (lab, the future of its boot to the shell)

    # The reference marks, from this run's boot results where it has them.
    for name, lab in labs.items():
        graded = run_names(lab_tool, [t for _, t in lab["grade"]])
        missing = [run for run in graded if ("boot." + run_name(run)) not in earlier]
        for run in missing:
            submit("labs.%s.reference." % name, reference_kernel, reference_initrd, run)
        failing = [run_name(run) for run in graded if run not in missing and not earlier["boot." + run_name(run)]]
        if not missing:
            results.append(("labs.%s.reference_full_marks" % name, not failing,
                            "graded tests failing on the reference tree: " + ", ".join(failing)))

    # tools/lab cut as a teacher runs it, each lab (mostly writing files
    # and git), two at a time beside the builds and boots below
    repository_pool = concurrent.futures.ThreadPoolExecutor(max_workers=2)
    repositories = [(name, repository_pool.submit(cut_is_a_repository, lab_tool, name, work)) for name in names]

    tree = CheckTree(lab_tool, build, work)
    # Cutting a lab again or putting its code back recompiles what includes
    # its files: a region in a header many files include (the scheduler's)
    # costs several seconds a time. So the labs that cost the most change
    # the least often: their student trees come last, and the groups below
    # are ordered by what they cut of those labs first.
    costs = cut_costs(build, tree.regions, names)
    by_cost = sorted(names, key=lambda name: (costs[name], name))
    # Each student tree: builds, boots to the shell; its graded runs later.
    for name in by_cost:
        try:
            kernel, image, tests_image = tree.cut(name, [name])
        except RuntimeError as error:
            results.append(("labs.%s.student_builds" % name, False, tail(str(error))))
            continue
        results.append(("labs.%s.student_builds" % name, True, ""))
        shells.append((name, boot_pool.submit(boots_to_the_shell, kernel, image)))
        student[name] = (kernel, tests_image)

    # The other boot tests, in trees with more cut than one lab: each test
    # runs where every lab that does not list it is cut. A test no lab
    # lists runs with every lab cut; one that only the pipes lab lists,
    # with every lab but pipes cut; and so on for each set of labs that
    # list a test. A test that passes there, with more stubs in place
    # than in any one student tree, and here on the reference tree, does
    # not need the code of a lab that does not list it.
    grouped = {}
    for run in every_boot_run(build):
        kept = frozenset(n for n in names if run_name(run) in listed[n] or run[0] in listed[n])
        grouped.setdefault(kept, []).append(run)
    group_of = {}
    costliest_first = list(reversed(by_cost))
    for kept, runs in sorted(grouped.items(), key=lambda item: [name in item[0] for name in costliest_first]):
        label = "every_lab_cut" if not kept else "every_lab_cut_but_" + "_and_".join(sorted(kept))
        try:
            kernel, _, tests_image = tree.cut(label, [n for n in names if n not in kept])
        except RuntimeError as error:
            results.append(("labs.%s.builds" % label, False, tail(str(error))))
            continue
        group_of[label] = len(runs)
        for run in runs:
            submit("labs.%s." % label, kernel, tests_image, run)
    for name, (kernel, tests_image) in student.items():
        for run in run_names(lab_tool, [t for _, t in labs[name]["grade"]]):
            submit("labs.%s.student." % name, kernel, tests_image, run)

    for name, repository in repositories:
        ok, detail = repository.result()
        results.append(("labs.%s.cut_is_a_repository_of_one_commit" % name, ok, detail))
    repository_pool.shutdown()
    for name, shell in shells:
        up, detail = shell.result()
        results.append(("labs.%s.student_boots_to_the_shell" % name, up, detail))
    by_prefix = {}
    for prefix, run, boot in boots:
        by_prefix.setdefault(prefix, []).append((run, boot.result()))
    boot_pool.shutdown()
    for name in names:
        done = by_prefix.get("labs.%s.reference." % name)
        if done:
            failing = [run_name(run) for run, rs in done if not result_passed(rs)]
            graded = run_names(lab_tool, [t for _, t in labs[name]["grade"]])
            failing += [run_name(run) for run in graded if "boot." + run_name(run) in earlier
                        and not earlier["boot." + run_name(run)]]
            results.append(("labs.%s.reference_full_marks" % name, not failing,
                            "graded tests failing on the reference tree: " + ", ".join(failing)))
        if name in student:
            done = by_prefix.get("labs.%s.student." % name, [])
            passing = [run_name(run) for run, rs in done
                       if all(ok for n, ok, _ in rs if not n.endswith(".e2fsck_clean"))]
            results.append(("labs.%s.student_scores_0" % name, not passing,
                            "graded tests that pass without the lab's code: " + ", ".join(passing)))
    for label, count in group_of.items():
        failed = [(r[0], r[2]) for run, rs in by_prefix.get("labs.%s." % label, []) for r in rs if not r[1]]
        for result_name, detail in failed:
            results.append(("labs.%s.%s" % (label, result_name[len("boot."):]), False, detail))
        results.append(("labs.%s.its_%d_runs_pass" % (label, count), not failed,
                        "%d results failed" % len(failed)))
    if all(r[1] for r in results):
        shutil.rmtree(work, ignore_errors=True)
    return results
