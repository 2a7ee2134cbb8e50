"""tests/man/test_man_pages.py - the manual pages (docs/man/) against the
tree they describe.

    run_all() -> [(test_name, passed, detail), ...]

  - every system call of the table (kernel/subsystems/*.c) has a page in section 2, and
    every function the libc's headers declare has one in section 2 or 3;
  - for every system call, the ERRORS of its page are exactly the errors
    the kernel can return from it (tools/man_errors.py works them out from
    the code): an errno the kernel returns that the page leaves out, or one
    the page lists that the kernel never returns, fails the test, which
    names the page and the errno;
  - every page has the sections of its kind, its SEE ALSO names pages that
    exist, a `.so` link points at a page, and mandoc formats it without
    a warning (when mandoc is installed: tools/deps installs it).

In a page's ERRORS, an entry is `.TP`, `.B ENAME`, then its text. When a
page describes several system calls, an entry that holds for only some of
them starts its text with their names in parentheses: `(shmdt) ...`. An
error that the C library sets itself, before or instead of a system call,
starts with `(library)` and is not compared with the kernel.

Run alone:  python3 tests/man/test_man_pages.py
"""
import glob
import os
import re
import shutil
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
MAN = os.path.join(ROOT, "docs", "man")
sys.path.insert(0, os.path.join(ROOT, "tools"))
import man_errors  # noqa: E402

# A system call whose page has another name: exit's is _exit(2), as on
# Linux, since exit(3) is the library's.
PAGE_OF_CALL = {"exit": "_exit"}

SECTIONS_OF_KIND = {
    "1": ["NAME", "SYNOPSIS", "DESCRIPTION", "SEE ALSO"],
    "2": ["NAME", "SYNOPSIS", "DESCRIPTION", "RETURN VALUE", "ERRORS", "SEE ALSO"],
    "3": ["NAME", "SYNOPSIS", "DESCRIPTION", "RETURN VALUE", "SEE ALSO"],
    "7": ["NAME", "DESCRIPTION", "SEE ALSO"],
}


def read(path):
    with open(path) as f:
        return f.read()


def so_target(path):
    """The page a link page (`.so docs/man/manN/NAME.N`) points at, else
    None. The path is the repository's, so that `man -l` run at the top of
    the tree finds it; the boot image gets `.so manN/NAME.N` (Makefile)."""
    for line in read(path).splitlines():
        if line.startswith('.\\"') or not line.strip():
            continue
        m = re.match(r"\.so\s+(\S+)", line)
        return os.path.join(ROOT, m.group(1)) if m else None
    return None


def resolve(path):
    """The page itself, after following .so links (None if one is broken)."""
    for _ in range(5):
        if not os.path.exists(path):
            return None
        target = so_target(path)
        if target is None:
            return path
        path = target
    return None


def sections(text):
    """{section heading: [lines]} of a page."""
    result, current = {}, None
    for line in text.splitlines():
        m = re.match(r'\.SH\s+"?([^"]*)"?\s*$', line)
        if m:
            current = m.group(1).strip()
            result[current] = []
        elif current:
            result[current].append(line)
    return result


def page_errors(text, calls=()):
    """[(errno, [calls it is limited to] or None, from the library)] of the ERRORS section."""
    lines = sections(text).get("ERRORS", [])
    entries = []
    for i, line in enumerate(lines):
        if line.strip() == ".TP" and i + 1 < len(lines):
            m = re.match(r"\.B\s+(E[A-Z0-9]+)\s*$", lines[i + 1])
            if not m:
                continue
            description = lines[i + 2] if i + 2 < len(lines) else ""
            # "(shmdt) ..." limits the entry to those calls; "(library)" marks the
            # library's own; other words in parentheses are just text
            limit = re.match(r"\(([\w ,]+)\)", description)
            words = [w for w in re.split(r"[ ,]+", limit.group(1)) if w and w != "and"] if limit else []
            if not words or not all(w in calls or w == "library" for w in words):
                words = []
            library = "library" in words
            limited_to = [w for w in words if w != "library"] or None
            entries.append((m.group(1), limited_to, library))
    return entries


def libc_functions():
    """Every function the libc's headers declare (not __names)."""
    names = set()
    for header in glob.glob(os.path.join(ROOT, "libc", "include", "*.h")) + \
            glob.glob(os.path.join(ROOT, "libc", "include", "sys", "*.h")):
        text = man_errors.strip_source(read(header))
        for m in re.finditer(r"^[A-Za-z_][^;{}()=]*?[\s*(]([a-z_][a-z0-9_]*)\)?\s*\([^;{}]*\)\s*"
                             r"(?:__attribute__\s*\(\([^;]*\)\))?\s*;", text, re.M):
            line = m.group(0)
            if line.startswith(("typedef", "static", "#")) or m.group(1).startswith("__"):
                continue
            names.add(m.group(1))
    return names


def check_errors(program, table):
    """One result per system call: its page's ERRORS against the kernel."""
    results = []
    pages = {}
    for call in sorted(table):
        page = resolve(os.path.join(MAN, "man2", PAGE_OF_CALL.get(call, call) + ".2"))
        if page:
            pages.setdefault(page, []).append(call)
    for call in sorted(table):
        name = "man.errors_match_the_kernel." + call
        page = resolve(os.path.join(MAN, "man2", PAGE_OF_CALL.get(call, call) + ".2"))
        if not page:
            results.append((name, False, "no page man2/%s.2" % call))
            continue
        relative = os.path.relpath(page, ROOT)
        calls_here = pages[page]
        documented, problems = set(), []
        for errno, limited_to, library in page_errors(read(page), table):
            for other in limited_to or []:
                if other not in calls_here:     # a call of another page
                    problems.append("%s: entry %s is limited to (%s), which is not a system call this page "
                                    "describes (%s)" % (relative, errno, other, ", ".join(calls_here)))
            if library:
                continue
            if limited_to is None or call in limited_to:
                documented.add(errno)
        kernel = program.errors_of(call)
        for errno in sorted(kernel - documented):
            problems.append("%s: %s can return %s, which its ERRORS leave out (tools/man_errors.py %s "
                            "shows where it comes from)" % (relative, call, errno, call))
        for errno in sorted(documented - kernel):
            problems.append("%s: ERRORS list %s for %s, which the kernel never returns from it"
                            % (relative, errno, call))
        results.append((name, not problems, "; ".join(problems)))
    return results


def check_pages():
    results = []
    problems = []
    all_pages = sorted(glob.glob(os.path.join(MAN, "man*", "*.*")))
    existing = {os.path.relpath(p, MAN) for p in all_pages}
    for path in all_pages:
        relative = os.path.relpath(path, ROOT)
        section = path.rsplit(".", 1)[1]
        if os.path.basename(os.path.dirname(path)) != "man" + section:
            problems.append("%s: not in man%s/" % (relative, section))
            continue
        if so_target(path):
            if not resolve(path) or not re.match(r"\.so docs/man/man\d/[\w.-]+\.\d$", read(path).strip()):
                problems.append("%s: its .so is not `.so docs/man/manN/NAME.N` of a page" % relative)
            continue
        text = read(path)
        if not re.search(r"^\.TH\s+\S+\s+%s\b" % section, text, re.M):
            problems.append("%s: no .TH line for section %s" % (relative, section))
        have = sections(text)
        kind = SECTIONS_OF_KIND["7"] if os.path.basename(path).startswith("intro.") else \
            SECTIONS_OF_KIND.get(section, ["NAME", "DESCRIPTION"])
        for heading in kind:
            if heading not in have:
                problems.append("%s: no %s section" % (relative, heading))
        for name, number in re.findall(r"^\.BR\s+(\S+)\s+\((\d)\)", "\n".join(have.get("SEE ALSO", [])), re.M):
            if "man%s/%s.%s" % (number, name, number) not in existing:
                problems.append("%s: SEE ALSO names %s(%s), which has no page" % (relative, name, number))
    results.append(("man.pages_have_their_sections_and_links_resolve", not problems, "; ".join(problems)))

    libc = libc_functions()
    missing = sorted(f for f in libc if not os.path.exists(os.path.join(MAN, "man3", f + ".3"))
                     and not os.path.exists(os.path.join(MAN, "man2", f + ".2")))
    results.append(("man.every_libc_function_has_a_page", not missing and len(libc) > 100,
                    "no page for: " + " ".join(missing) if missing else "%d functions found" % len(libc)))

    if shutil.which("mandoc"):
        warnings = []
        for path in all_pages:
            if so_target(path):
                continue
            proc = subprocess.run(["mandoc", "-T", "lint", "-W", "warning", path], capture_output=True,
                                  text=True, cwd=ROOT)
            warnings += [line.replace(ROOT + "/", "") for line in (proc.stdout + proc.stderr).splitlines()
                         if line.strip()]
        results.append(("man.mandoc_formats_every_page_without_a_warning", not warnings,
                        "\n    ".join(warnings[:20])))
    else:
        results.append(("man.mandoc_formats_every_page_without_a_warning", False,
                        "mandoc is not installed (tools/deps install)"))
    return results


def run_all():
    program = man_errors.Program()
    table = program.syscall_table()
    missing = sorted(c for c in table if not resolve(os.path.join(MAN, "man2", PAGE_OF_CALL.get(c, c) + ".2")))
    results = [("man.every_system_call_has_a_page", not missing,
                "no page (or a broken .so) for: " + " ".join("man2/%s.2" % c for c in missing))]
    problems = program.check_impossible()
    results.append(("man.errors_analysis_exceptions_still_hold", not problems, "; ".join(problems)))
    results += check_errors(program, table)
    results += check_pages()
    return results


if __name__ == "__main__":
    failed = 0
    for name, passed, detail in run_all():
        print(("PASS " if passed else "FAIL ") + name + ("" if passed or not detail else ": " + detail))
        failed += not passed
    sys.exit(1 if failed else 0)
