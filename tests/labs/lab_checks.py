"""tests/labs/lab_checks.py - every lab against the kernel it is cut from
(docs/labs.md), the `labs` kind of tools/run-tests.

    run_all(build, boot_runs, earlier) -> [(test_name, passed, detail), ...]

`boot_runs(build_dir, [(name, options), ...])` is the caller's: it boots
each run on that build's kernel and tests' image and returns
[(result_name, passed, detail), ...] as tools/run-tests names them
(boot.NAME, boot.NAME[OPTIONS], boot.NAME.e2fsck_clean). `earlier` is
{result_name: passed} of the boot tests this run has already made on the
reference build, so that they are not booted twice.

What is checked:
  labs.regions_well_formed        tools/lab check on the tree
  labs.docs_labs_md_links_every_lab  the teachers' chapter lists each
  labs.check_finds_<flaw>         a region broken on purpose is refused
  labs.NAME.reference_full_marks  the lab's graded tests pass here
  labs.NAME.student_builds        its student tree (tools/lab's cut, in
                                  build/labs/NAME) builds, -Werror and all
  labs.NAME.student_boots_to_the_shell
  labs.NAME.student_scores_0      every graded test fails there
  labs.every_lab_cut.its_N_runs_pass
                                  a tree with every lab cut runs every boot
                                  test no lab lists (a failing one is named:
                                  labs.every_lab_cut.<TEST>)
  labs.every_lab_cut_but_<LABS>.its_N_runs_pass
                                  a tree with every lab cut but LABS runs the
                                  tests exactly those labs list

A student tree's build starts from a copy of the reference build with
its times kept, so that make rebuilds only what the cut changed.
"""
import concurrent.futures
import importlib.machinery
import importlib.util
import os
import re
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
        if name in NOT_COPIED:
            continue
        source = os.path.join(reference, name)
        if os.path.isdir(source):
            shutil.copytree(source, os.path.join(target, name), symlinks=True, copy_function=shutil.copy2)
        else:
            shutil.copy2(source, os.path.join(target, name))


def build_tree(lab_tool, reference, tree, lab, cut):
    """A tree with `cut` labs cut, built. Returns (built, make's output)."""
    if os.path.exists(tree):
        shutil.rmtree(tree)
    lab_tool.write_tree(tree, lab, cut)
    seed_build(reference, tree)
    made = subprocess.run(["make", "-s", "--no-print-directory", "-j2", "-C", tree,
                           "build/kernel.elf", "build/initrd.tar", "build/initrd-tests.tar"],
                          capture_output=True, text=True)
    return made.returncode == 0, made.stdout + made.stderr


def boots_to_the_shell(build):
    status, timed_out, out = qemu_boot.boot(os.path.join(build, "kernel.elf"), os.path.join(build, "initrd.tar"),
                                            SHELL_APPEND, 60, stdin_data=SHELL_INPUT)
    up = any(line.strip().endswith("student-shell-is-up") and "echo" not in line for line in out.splitlines())
    return up and status == 7 and not timed_out, "exit status %s%s\n    %s" % (
        status, ", timed out" if timed_out else "", tail(out))


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


def run_all(build, boot_runs, earlier):
    if os.path.exists(os.path.join(ROOT, "labs", "assigned")):
        return []       # a student tree: its lab is graded by make grade
    lab_tool = load_lab_tool()
    results = check_regions(lab_tool)
    names = lab_tool.lab_names()
    labs = {name: lab_tool.read_lab(name) for name in names}
    listed = {name: {e for _, e in lab["grade"]} | set(lab["needs"]) for name, lab in labs.items()}
    work = os.path.join(build, "labs")
    os.makedirs(work, exist_ok=True)

    chapter = open(os.path.join(ROOT, "docs", "labs.md")).read()
    unnamed = [n for n in names if "../labs/%s/README.md" % n not in chapter]
    results.append(("labs.docs_labs_md_links_every_lab", not unnamed,
                    "docs/labs.md has no link to the assignment of " + ", ".join(unnamed)))
    for name, lab in labs.items():
        graded = run_names(lab_tool, [t for _, t in lab["grade"]])
        # the reference tree: from this run's boot results where it has them
        missing = [run for run in graded if ("boot." + run_name(run)) not in earlier]
        outcome = {run_name(run): earlier["boot." + run_name(run)] for run in graded if run not in missing}
        for run in missing:
            outcome[run_name(run)] = result_passed(boot_runs(build, [run]))
        failing = [n for n, ok in outcome.items() if not ok]
        results.append(("labs.%s.reference_full_marks" % name, not failing,
                        "graded tests failing on the reference tree: " + ", ".join(failing)))

        # the student tree
        first = len(results)
        tree = os.path.join(work, name)
        built, output = build_tree(lab_tool, build, tree, name, [name])
        results.append(("labs.%s.student_builds" % name, built, tail(output)))
        if not built:
            continue
        student_build = os.path.join(tree, "build")
        up, detail = boots_to_the_shell(student_build)
        results.append(("labs.%s.student_boots_to_the_shell" % name, up, detail))
        graded_results = boot_runs(student_build, graded)
        passing = sorted({r[0] for r in graded_results if r[1] and not r[0].endswith(".e2fsck_clean")}
                         - {r[0] for r in graded_results if not r[1]})
        results.append(("labs.%s.student_scores_0" % name, not passing,
                        "graded tests that pass without the lab's code: " + ", ".join(passing)))
        if all(r[1] for r in results[first:]):
            shutil.rmtree(tree, ignore_errors=True)

    # The other boot tests, in trees with more cut than one lab: each test
    # runs where every lab that does not list it is cut. A test no lab
    # lists runs with every lab cut; one that only the pipes lab lists,
    # with every lab but pipes cut; and so on for each set of labs that
    # list a test. A test that passes there, with more stubs in place
    # than in any one student tree, and here on the reference tree, does
    # not need the code of a lab that does not list it.
    if not names:
        return results
    groups = {}
    for run in every_boot_run(build):
        kept = frozenset(n for n in names if run_name(run) in listed[n] or run[0] in listed[n])
        groups.setdefault(kept, []).append(run)
    for kept, runs in sorted(groups.items(), key=lambda item: sorted(item[0])):
        label = "every_lab_cut" if not kept else "every_lab_cut_but_" + "_and_".join(sorted(kept))
        tree = os.path.join(work, label)
        built, output = build_tree(lab_tool, build, tree, None, [n for n in names if n not in kept])
        results.append(("labs.%s.builds" % label, built, tail(output)))
        if not built:
            continue
        ran = boot_runs(os.path.join(tree, "build"), runs)
        failed = [(result_name, detail) for result_name, ok, detail in ran if not ok]
        for result_name, detail in failed:
            results.append(("labs.%s.%s" % (label, result_name[len("boot."):]), False, detail))
        results.append(("labs.%s.its_%d_runs_pass" % (label, len(ran)), not failed,
                        "%d of %d runs failed" % (len(failed), len(ran))))
        if not failed:
            shutil.rmtree(tree, ignore_errors=True)
    return results
