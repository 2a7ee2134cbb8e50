"""tests/docs/test_docs.py - the chapters (docs/*.md) and README.md against
the tree they describe, so that what they cite stays true.

    run_all() -> [(test_name, passed, detail), ...]

  - links: every relative link `[text](target)` resolves to a file or a
    folder of the tree, and a link with `#anchor` (into the same chapter or
    another Markdown file) names a heading that has that anchor on GitHub;
  - files: every file a chapter cites in backquotes or shows in a code
    block exists: a path whose first folder is one of the tree's
    (`kernel/ipc/pipe.c`, `tools/bench`, `user/bin/sh/`) at that place, a bare
    file name with a source file's extension (`pipe.c`) somewhere;
  - names: every function a chapter cites as `name()` (in backquotes or
    not), and every C name with an underscore in it that it cites in
    backquotes (`wait_queue_wake_one`, `current_task->wait_reason`,
    `SYS_pipe`, `struct pipe_buffer`) or shows in a code block, is a word
    of the tree's C, assembly, Python, shell or make sources outside their
    comments (and outside Python's raw strings, its regular expressions),
    a name a token-pasting macro makes (`KTEST(fault)` makes ktest_fault),
    or the name of one of its files or folders (the programs:
    `pipe_demo`). `name(2)` may also be a manual page of docs/man/.
    A name without an underscore (`fork`, `ReplyWait`, `nvcsw`) is not
    checked: it is as likely an ordinary word or a command. Names that are
    rightly not in the tree are listed in NOT_IN_THE_TREE below, each
    with why; an entry no chapter needs any more fails the test too;
  - transcripts: where a GDB session in a code block prints
    `... at kernel/main.c:35` and then line 35, that is line 35 of
    kernel/main.c today (tests/docs/gdb_sessions.py replays the sessions
    of README.md and docs/debugging.md); make's error line
    `[Makefile:186: run-prog]` names a line of that target's recipe;
  - the README's chapter list links every chapter of docs/;
  - ipc names: docs/ipc-shape.md's table "One name per mechanism" holds
    for kernel/ipc/: each file begins with one row's file name, each
    function a file gives the rest of the kernel (not static) begins with
    its row's prefix or is a system call (sys_), and no function of
    another folder of kernel/ or arch/ begins with a row's prefix (but a
    mechanism's machine half, arch/x86/signal_frame.c, is its own);
  - reading order: docs/reading-order.md is what tools/reading-order
    writes today (`tools/reading-order --check`: every file the build's
    profiles list, in the hand-made order of docs/reading-order.txt, with
    its line count counted now);
  - no counted lines: no chapter and not README.md writes down how many
    lines a source file or the kernel has ("about 400 lines", "(210
    lines)", "36,700 lines of kernel"): such numbers drift the day after.
    A count of lines near a source file's name or the words kernel,
    source or code fails; a size belongs to docs/reading-order.md, which
    tools/reading-order counts. A limit ("at most 12,000 lines", "under
    400 lines") is a rule, not a count, and passes.

Run alone:  python3 tests/docs/test_docs.py
"""
import io
import os
import re
import subprocess
import sys
import tokenize

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

# Names a chapter cites that are rightly not in this tree, and why.
NOT_IN_THE_TREE = {
    # what a real run printed
    "threads_that_on": "the counting test's name, cut to 15 characters as the kernel keeps it (docs/smp.md)",
    # Linux's names, cited to compare
    "sigio_perm": "Linux's check of whom a SIGIO may reach (docs/multiplexing.md)",
    "signalfd_wqh": "Linux's queue of a process's signalfd readers (docs/event-files.md)",
    "AF_PACKET": "Linux's packet sockets, which glibc's getifaddrs lists and this kernel has not (docs/network.md)",
    "do_shmdt": "Linux's shmdt, which detaches every piece (docs/shm.md)",
    "max_dgram_qlen": "Linux's bound on a datagram socket's queue (docs/sockets.md)",
    "CLONE_VM": "Linux's clone flags, to compare with thread_create (docs/threads.md)",
    "CLONE_FS": "the same",
    "CLONE_FILES": "the same",
    "CLONE_SIGHAND": "the same",
    "CLONE_THREAD": "the same",
    "CLONE_SYSVSEM": "the same",
    "CLONE_SETTLS": "the same",
    "CLONE_PARENT_SETTID": "the same",
    "CLONE_CHILD_CLEARTID": "the same",
    "set_thread_area": "Linux's TLS call, to compare with set_tls (docs/threads.md)",
    "user_desc": "its argument",
    "set_tid_address": "Linux's clear_tid word after the fact (docs/threads.md)",
    "exit_group": "Linux's exit of every thread (docs/threads.md)",
    "FUTEX_WAIT": "Linux's futex operations, to compare (docs/threads.md)",
    "FUTEX_WAKE": "the same",
    "FUTEX_PRIVATE_FLAG": "the same",
    # what this kernel does not have, said so where it is cited
    "SHM_REMAP": "a shmat flag of Linux's (docs/shm.md)",
    "SHM_EXEC": "a shmat flag of Linux's (docs/shm.md)",
    "PTHREAD_MUTEX_ROBUST": "POSIX's robust mutexes, not implemented (docs/threads.md)",
    "FUTEX_LOCK_PI": "Linux's priority-inheriting futex, not here (docs/threads.md)",
    "FUTEX_CMP_REQUEUE": "Linux's futex requeue, not here (docs/threads.md)",
    # docs/syscalls.md's example of adding a system call, which the reader adds
    "getprocname": "the example call",
    "sys_getprocname": "its handler",
    "SYS_getprocname": "its number",
    # words of a chapter's own making
    "and_or": "docs/shell.md's grammar: pipelines joined by && and ||",
    "on_EVENT": "trace_view.py's Diagram has a method on_NAME per event (docs/tracing.md)",
}

# Files the chapters invent: the reader's own program, a usage line's
# placeholders, the example system call of docs/syscalls.md.
EXAMPLE_FILES = {
    "hello.c",         # README: "Put a C program anywhere, for example hello.c"
    "file.c",          # make debug PROG=file.c
    "prog.c",          # tools/run-prog prog.c
    "out.svg", "out.html",   # tools/trace_view.py LOG -o out.svg [--html out.html]
    "tests/boot/getprocname.c", "docs/man/man2/getprocname.2",
}

# The extensions of the files a chapter may cite by name.
SOURCE_EXTENSIONS = ("c", "h", "asm", "S", "py", "ld", "gdb", "cfg", "md", "svg",
                     "1", "2", "3", "7")


def tracked_files():
    out = subprocess.run(["git", "ls-files", "--cached", "--others", "--exclude-standard"],
                         cwd=ROOT, capture_output=True, text=True, check=True).stdout
    return [line for line in out.splitlines() if os.path.exists(os.path.join(ROOT, line))]


def read(path):
    with open(os.path.join(ROOT, path), encoding="utf-8", errors="replace") as f:
        return f.read()


# ------------------------------------------------------------ the tree's words
C_COMMENT = re.compile(r"/\*.*?\*/|//[^\n]*", re.S)
HASH_COMMENT = re.compile(r"(?m)(^|\s)#(?![!]).*$")
ASM_COMMENT = re.compile(r";[^\n]*")
WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def python_names(text):
    """The words of a Python program outside its comments and its raw
    strings (regular expressions, which name what they look for, not what
    exists); plain strings count: the names of tests and benchmarks are
    strings."""
    try:
        tokens = list(tokenize.generate_tokens(io.StringIO(text).readline))
    except (tokenize.TokenError, SyntaxError, IndentationError):
        return HASH_COMMENT.sub(" ", text)
    return " ".join(token.string for token in tokens
                    if token.type == tokenize.NAME or
                    token.type == tokenize.STRING and not re.match(r"(?i)[bfu]?r", token.string))


# A macro that pastes its argument into a name, `ktest_##test_name`, and
# one that hands its argument to such a macro (KTEST(name) ->
# KTEST_DEFINE(name, 0)): each use makes a name the text of the code does
# not hold (KTEST(fault) makes ktest_fault).
DEFINE = re.compile(r"^[ \t]*#[ \t]*define[ \t]+(\w+)\(([^)]*)\)((?:[^\n]*\\\n)*[^\n]*)", re.M)


def pasted_names(sources):
    """The names the token-pasting macros of `sources` (C texts) make."""
    pastes = {}                           # macro -> {(argument index, prefix, suffix)}
    definitions = [m for text in sources for m in DEFINE.finditer(text)]
    for _ in range(3):                    # macros that use macros that paste
        for m in definitions:
            parameters = [p.strip() for p in m.group(2).split(",")]
            for index, parameter in enumerate(parameters):
                found = {(index, a or "", b or "") for a, b in re.findall(
                    r"(\w*)##\s*%s\b(?:\s*##(\w*))?" % re.escape(parameter), m.group(3))}
                for inner, (inner_index, prefix, suffix) in [(k, v) for k, vs in pastes.items() for v in vs]:
                    call = re.search(r"\b%s\s*\(([^)]*)\)" % inner, m.group(3))
                    if call and [a.strip() for a in call.group(1).split(",")][inner_index:inner_index + 1] == [parameter]:
                        found.add((index, prefix, suffix))
                if found:
                    pastes.setdefault(m.group(1), set()).update(found)
    names = set()
    for text in sources:
        for macro, uses in pastes.items():
            for call in re.finditer(r"\b%s\s*\(([^)]*)\)" % macro, text):
                arguments = [a.strip() for a in call.group(1).split(",")]
                for index, prefix, suffix in uses:
                    if index < len(arguments) and re.fullmatch(r"\w+", arguments[index]):
                        names.add(prefix + arguments[index] + suffix)
    return names


def code_of(path, text):
    """The text of a source file without its comments: a name that only a
    comment mentions is not in the code."""
    if path.endswith((".c", ".h", ".ld")):
        return C_COMMENT.sub(" ", text)
    if path.endswith((".asm", ".S")):
        return ASM_COMMENT.sub(" ", text)
    if path.endswith(".py") or text.startswith("#!/usr/bin/env python"):
        return python_names(text)
    if path.endswith(".gdb") or path == "Makefile" or path.startswith("tools/"):
        return HASH_COMMENT.sub(" ", text)
    return text


def is_source(path):
    """Is `path` code whose words count? Not the chapters, and not this
    check itself, whose lists name what is not in the tree."""
    if path.startswith(("docs/", "tests/docs/")) or path.endswith(".md"):
        return False
    if path.endswith((".c", ".h", ".asm", ".S", ".py", ".ld", ".gdb")):
        return True
    return path == "Makefile" or (path.startswith("tools/") and "." not in os.path.basename(path))


class Tree:
    def __init__(self):
        self.files = tracked_files()
        self.file_set = set(self.files)
        self.folders = set()
        for f in self.files:
            parts = f.split("/")
            for i in range(1, len(parts)):
                self.folders.add("/".join(parts[:i]))
        self.top = {f.split("/")[0] for f in self.files if "/" in f}
        self.basenames = {os.path.basename(f) for f in self.files}
        self.words, c_sources = set(), []
        for f in self.files:
            if is_source(f):
                code = code_of(f, read(f))
                self.words.update(WORD.findall(code))
                if f.endswith((".c", ".h")):
                    c_sources.append(code)
        self.words.update(pasted_names(c_sources))
        # the programs and tests are named by their files and folders
        self.words.update(os.path.basename(f).split(".")[0] for f in self.files)
        self.words.update(os.path.basename(d) for d in self.folders)

    def exists(self, path):
        path = path.rstrip("/")
        return path in self.file_set or path in self.folders


# ------------------------------------------------------------ reading Markdown
FENCE = re.compile(r"^\s*(```|~~~)")
CODE_SPAN = re.compile(r"(?<!`)(`+)(?!`)(.+?)(?<!`)\1(?!`)", re.S)
LINK = re.compile(r"!?\[((?:[^\[\]]|\[[^\]]*\])*)\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")


class Chapter:
    """A Markdown file split into its prose (code blocks blanked out, line
    numbers kept) and its code blocks."""

    def __init__(self, path):
        self.path = path
        lines = read(path).split("\n")
        prose, self.blocks, block, inside = [], [], None, False
        for number, line in enumerate(lines, 1):
            if FENCE.match(line):
                if inside:
                    self.blocks.append(block)
                    inside = False
                else:
                    inside, block = True, []
                prose.append("")
            elif inside:
                block.append((number, line))
                prose.append("")
            else:
                prose.append(line)
        self.prose = "\n".join(prose)
        self.spans = [(self.line_of(m.start()), m.group(2).strip()) for m in CODE_SPAN.finditer(self.prose)]
        # the prose with its code spans blanked out (newlines kept)
        self.plain = CODE_SPAN.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), self.prose)

    def line_of(self, offset):
        return self.prose.count("\n", 0, offset) + 1

    def headings(self):
        return [m.group(2) for m in re.finditer(r"(?m)^(#{1,6})[ \t]+(.*?)[ \t]*#*[ \t]*$", self.prose)]

    def anchors(self):
        """The anchors GitHub gives this file's headings: the heading's text
        as it shows (code without its backquotes, a link's text, no
        emphasis marks), lower case, without punctuation, spaces turned
        into hyphens; a repeated one gets -1, -2, ..."""
        seen, result = {}, set()
        for heading in self.headings():
            pieces = re.split(r"((?<!`)`+(?!`).+?(?<!`)`+(?!`))", heading)    # code spans at odd places
            text = "".join(piece.strip("`") if i % 2 else
                           re.sub(r"[*]|(?<!\w)_+|_+(?!\w)", "", LINK.sub(lambda m: m.group(1), piece))
                           for i, piece in enumerate(pieces))
            slug = re.sub(r"[^\w\- ]", "", text.strip().lower()).replace(" ", "-")
            n = seen.get(slug, 0)
            seen[slug] = n + 1
            result.add(slug if n == 0 else "%s-%d" % (slug, n))
        return result

    def links(self):
        for m in LINK.finditer(self.plain):
            yield self.line_of(m.start()), m.group(2)


# ------------------------------------------------------------ the checks
def check_links(tree, chapters):
    problems = []
    for chapter in chapters.values():
        here = os.path.dirname(chapter.path)
        for line, target in chapter.links():
            if re.match(r"[a-z][a-z0-9+.-]*:", target):      # http:, https:, mailto:
                continue
            where = "%s:%d: (%s)" % (chapter.path, line, target)
            path, _, anchor = target.partition("#")
            full = os.path.normpath(os.path.join(here, path)) if path else chapter.path
            if full.startswith("..") or full.startswith("/"):
                problems.append(where + " points outside the tree")
                continue
            if not tree.exists(full):
                problems.append(where + " %s is not in the tree" % full)
                continue
            if anchor:
                if not full.endswith(".md"):
                    problems.append(where + " an anchor into a file that is not Markdown")
                elif anchor not in chapters_get(chapters, full).anchors():
                    problems.append(where + " %s has no heading with the anchor #%s" % (full, anchor))
    return problems


def chapters_get(chapters, path):
    if path not in chapters:
        chapters[path] = Chapter(path)
    return chapters[path]


SOURCE_NAME = re.compile(r"^[\w.+-]*[A-Za-z_][\w+-]*\.(?:%s)$" % "|".join(SOURCE_EXTENSIONS))
MAN_PAGE_NAME = re.compile(r"^[A-Za-z_][\w.-]*\.[1-8]$")


def cited_paths(span):
    """The file paths a code span cites: its words with a slash whose first
    folder is one of the tree's, and its words that end with the extension
    of a source file (`pipe.c`, `msg_call.2`), without a `:LINE`."""
    for word in re.split(r"[\s=,;()\"'<>|`]+", span):
        word = re.sub(r":\d+$", "", word.strip("[].:"))
        if not word or re.search(r"[*?{}\[\]$]", word):
            continue                   # a glob or a variable: many files
        if "/" in word:
            yield word
        elif SOURCE_NAME.match(word) and (not word[-1].isdigit() or MAN_PAGE_NAME.match(word)):
            yield word


def missing_file(tree, path):
    """Why `path`, cited by a chapter, is not in the tree; None if it is
    (or if it is not the tree's to have: /bin/sh, build/trace.svg)."""
    if path in EXAMPLE_FILES:
        return None
    if "/" in path:
        path = os.path.normpath(path)      # GDB's libc/unistd/../syscall.h
        if path.split("/")[0] not in tree.top or tree.exists(path):
            return None
        if re.search(r"(^|[/._-])[A-Z]+($|[/._-])", path):
            return None                    # a placeholder: tests/boot/NAME.c
        return "cites %s, which is not in the tree" % path
    if path not in tree.basenames:
        return "cites %s: no file of that name in the tree" % path
    return None


def check_files(tree, chapters):
    problems = []
    for chapter in chapters.values():
        for line, span in chapter.spans:
            for path in cited_paths(span):
                why = missing_file(tree, path)
                if why:
                    problems.append("%s:%d: `%s` %s" % (chapter.path, line, span, why))
        for block in chapter.blocks:
            for line, text in block:
                for path in cited_paths(text):
                    why = missing_file(tree, path)
                    if why:
                        problems.append("%s:%d: (in a code block) %s" % (chapter.path, line, why))
    return problems


EXPRESSION = re.compile(r"^(?:(?:struct|union|enum)\s+)?[A-Za-z_]\w*(?:(?:->|\.)[A-Za-z_]\w*|\[[^\]]*\])*"
                        r"(?:\(.*\))?;?$", re.S)
MAN_REFERENCE = re.compile(r"^([A-Za-z_][\w.-]*)\(([1-8])\)$")
CALL = re.compile(r"(?<![\w.>/-])([A-Za-z_]\w*)\(\)")
# a C name with an underscore inside, alone in a code block's line (not
# part of a path, an option or a dotted test name)
SNAKE_CASE = re.compile(r"(?<![\w./-])([A-Za-z][A-Za-z0-9]*(?:_[A-Za-z0-9]+)+)(?![\w/-])")


def cited_names(span):
    """The names a code span cites: the function of `name(...)`, the type
    of `struct name`, and every C name with an underscore in an expression
    such as `task->wait_reason`; of a command line or a piece of code, only
    its calls `f()`."""
    if not EXPRESSION.match(span):
        for m in CALL.finditer(span):
            yield m.group(1)
        return
    head = re.match(r"(?:(struct|union|enum)\s+)?([A-Za-z_]\w*)(\()?", span)
    if head.group(1) or head.group(3):
        yield head.group(2)
    body = re.sub(r"\(.*\)", "", span, flags=re.S) if head.group(3) else span
    for word in WORD.findall(body):
        # snake_case and SNAKE_CASE, and _exit; not a prefix (`sysv_shm_`)
        # or a suffix (`_240`) of a name the text abbreviates
        if re.match(r"^_?[A-Za-z][A-Za-z0-9]*(_[A-Za-z0-9]+)*$", word) and "_" in word:
            yield word


def check_names(tree, chapters):
    problems, allowed = [], set()

    def check(name, where):
        if name in NOT_IN_THE_TREE:
            allowed.add(name)
        elif name not in tree.words:
            problems.append("%s cites %s, which is not in the tree's code" % (where, name))

    for chapter in chapters.values():
        for line, span in chapter.spans:
            m = MAN_REFERENCE.match(span)
            if m and "docs/man/man%s/%s.%s" % (m.group(2), m.group(1), m.group(2)) in tree.file_set:
                continue               # a manual page, `msg_call(2)`; else a call, `alarm(1)`
            if any(path for path in cited_paths(span) if "." in os.path.basename(path)) and EXPRESSION.match(span):
                continue               # a file name (`pipe.c`): check_files' business
            for name in dict.fromkeys(cited_names(span)):
                check(name, "%s:%d: `%s`" % (chapter.path, line, span))
        for m in CALL.finditer(chapter.plain):
            check(m.group(1), "%s:%d: the text" % (chapter.path, chapter.line_of(m.start())))
        for block in chapter.blocks:
            for line, text in block:
                for name in SNAKE_CASE.findall(text):
                    check(name, "%s:%d: a code block" % (chapter.path, line))
    for name in sorted(NOT_IN_THE_TREE):
        if name in tree.words:
            problems.append("NOT_IN_THE_TREE lists %s, which the tree has now: take it off the list" % name)
        elif name not in allowed:
            problems.append("NOT_IN_THE_TREE lists %s, which no chapter cites any more: take it off the list" % name)
    return problems


GDB_AT = re.compile(r"\bat ((?:[\w.-]+/)*[\w.-]+\.(?:c|h|asm|S)):(\d+)\s*$")
GDB_LINE = re.compile(r"^(\d+)\t(.*)$")


def check_transcripts(tree, chapters):
    """GDB prints where it stopped, `... at FILE:N`, and on the next line
    N and the text of line N: both must agree with FILE today."""
    problems = []
    for chapter in chapters.values():
        for block in chapter.blocks:
            for (number, line), (_, following) in zip(block, block[1:]):
                at = GDB_AT.search(line.strip())
                shown = GDB_LINE.match(following.strip(" ")) if at else None
                if not at or not shown:
                    continue
                if shown.group(1) != at.group(2):
                    problems.append("%s:%d: GDB stops at %s:%s but shows line %s: not one session's output"
                                    % (chapter.path, number + 1, at.group(1), at.group(2), shown.group(1)))
                    continue
                path, n = os.path.normpath(at.group(1)), int(at.group(2))
                if path not in tree.file_set:
                    problems.append("%s:%d: GDB stops in %s, which is not in the tree" % (chapter.path, number, path))
                    continue
                source = read(path).split("\n")
                actual = source[n - 1] if n <= len(source) else None
                if actual is None or actual.strip() != shown.group(2).strip():
                    problems.append("%s:%d: GDB shows %s:%d as %r; that line is %r today "
                                    "(tests/docs/gdb_sessions.py replays the session)"
                                    % (chapter.path, number + 1, path, n, shown.group(2).strip(),
                                       actual.strip() if actual is not None else "past the end"))
    return problems + check_make_errors(tree, chapters)


MAKE_ERROR = re.compile(r"\[Makefile:(\d+): ([\w.-]+)\]")


def check_make_errors(tree, chapters):
    """make's error line, `make: *** [Makefile:186: run-prog] Error 3`,
    names a line of the target's recipe in today's Makefile."""
    problems = []
    makefile = read("Makefile").split("\n")
    for chapter in chapters.values():
        texts = [(line, span) for line, span in chapter.spans]
        texts += [(line, text) for block in chapter.blocks for line, text in block]
        for line, text in texts:
            for m in MAKE_ERROR.finditer(text):
                n, target = int(m.group(1)), m.group(2)
                rule = next((i for i in range(min(n, len(makefile)) - 1, -1, -1)
                             if not makefile[i].startswith("\t")), None)
                if n > len(makefile) or not makefile[n - 1].startswith("\t") or rule is None \
                        or not re.match(r"%s\s*:" % re.escape(target), makefile[rule]):
                    problems.append("%s:%d: make's error names Makefile:%d, which is not in the recipe of %s today"
                                    % (chapter.path, line, n, target))
    return problems


def check_chapter_list(tree, chapters):
    readme = chapters["README.md"]
    section = re.search(r"(?ms)^## The chapters\n(.*?)(?=^## |\Z)", readme.plain)
    linked = set()
    if section:
        linked = {os.path.normpath(target.partition("#")[0]) for target in LINK.findall(section.group(1))
                  for target in [target[1]]}
    return ["README.md's chapter list (## The chapters) does not link %s" % path
            for path in sorted(chapters) if path.startswith("docs/") and path.count("/") == 1
            and path not in linked]


FUNCTION_DEFINITION = re.compile(r"(?m)^(static\s)?[A-Za-z_][\w \t*]*?\b(\w+)\(([^;{()]|\([^()]*\))*\)\s*\{")


def given_functions(path):
    """The functions a C file defines and does not keep to itself."""
    code = code_of(path, read(path))
    return [m.group(2) for m in FUNCTION_DEFINITION.finditer(code) if not m.group(1)]


def check_ipc_names(tree, chapters):
    section = "docs/ipc-shape.md" in tree.file_set and re.search(
        r"(?ms)^## One name per mechanism\n(.*?)(?=^## |\Z)", read("docs/ipc-shape.md"))
    if not section:
        return ["docs/ipc-shape.md has no section '## One name per mechanism'"]
    rows = []
    for line in section.group(1).splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) >= 3 and "`" in cells[1]:
            rows.append((cells[0], re.findall(r"`([^`]+)`", cells[1]), re.findall(r"`([^`]+)`", cells[2])))
    if not rows:
        return ["docs/ipc-shape.md's table of names has no rows"]
    problems = []
    every_prefix = [prefix for _, _, prefixes in rows for prefix in prefixes]
    every_file = tuple(name + "_" for _, names, _ in rows for name in names)
    for path in tree.files:
        if os.path.dirname(path) != "kernel/ipc" or not path.endswith((".c", ".h")):
            continue
        stem = os.path.basename(path).rsplit(".", 1)[0]
        owners = [row for row in rows for name in row[1] if stem == name or stem.startswith(name + "_")]
        if len(owners) != 1:
            problems.append("%s: its name begins with %s of the table's file names (docs/ipc-shape.md)"
                            % (path, "none" if not owners else "more than one"))
            continue
        mechanism, _, prefixes = owners[0]
        if path.endswith(".c"):
            for function in given_functions(path):
                if not function.startswith(tuple(prefixes) + ("sys_",)):
                    problems.append("%s: %s() is given to the kernel but does not begin with %s (%s)"
                                    % (path, function, " or ".join(prefixes + ["sys_"]), mechanism))
    for path in tree.files:
        if path.startswith(("kernel/", "arch/")) and not path.startswith("kernel/ipc/") and path.endswith(".c"):
            if path.startswith("arch/") and os.path.basename(path).startswith(every_file):
                continue            # a mechanism's machine half: arch/x86/signal_frame.c
            for function in given_functions(path):
                if function.startswith(tuple(every_prefix)):
                    problems.append("%s: %s() takes an IPC mechanism's prefix outside kernel/ipc/"
                                    % (path, function))
    return problems


def check_reading_order(tree, chapters):
    """docs/reading-order.md is what tools/reading-order writes today."""
    result = subprocess.run([os.path.join(ROOT, "tools", "reading-order"), "--check"],
                            cwd=ROOT, capture_output=True, text=True)
    if result.returncode == 0:
        return []
    return (result.stdout + result.stderr).strip().splitlines() or \
        ["tools/reading-order --check failed (exit status %d)" % result.returncode]


# "about 400 lines", "(210 lines)", "36,700 lines of", "a 30-line file", "3.5k lines"
LINE_COUNT = re.compile(r"(?<![\w.,])(\d[\d,.]*\s*k?)(?:\s+(?:source\s+|C\s+|code\s+)?lines\b|-line\b)")
# what makes a count of lines a count of our source: a file name, or these words
ABOUT_SOURCE = re.compile(r"[\w/.-]+\.(?:c|h|asm|S|ld|py)\b|\b(?:kernel|source|code)\b|\b(?:kernel|arch|boot|libc)/",
                          re.I)
# a limit, which does not drift: "at most 12,000 lines", "under ~400 lines"
LIMIT = re.compile(r"(?:at most|under|no more than|fewer than|less than)\s*~?\s*$", re.I)


def check_line_counts(tree, chapters):
    """No chapter (but the one tools/reading-order writes) nor README.md
    counts the lines of a source file or of the kernel by hand."""
    problems = []
    for path, chapter in sorted(chapters.items()):
        if path == "docs/reading-order.md" or not (path == "README.md" or
                                                   (path.startswith("docs/") and path.count("/") == 1)):
            continue
        lines = chapter.prose.split("\n")
        for m in LINE_COUNT.finditer(chapter.prose):
            if LIMIT.search(chapter.prose[max(0, m.start() - 30):m.start()]):
                continue
            number = chapter.line_of(m.start())
            # the sentence around it: its line and the lines on each side
            # (prose wraps), or its table row alone
            here = lines[number - 1]
            around = here if here.lstrip().startswith("|") else "\n".join(lines[max(0, number - 2):number + 1])
            if ABOUT_SOURCE.search(around):
                problems.append("%s:%d: \"%s\" counts source lines by hand: take the number out, or "
                                "link docs/reading-order.md, which counts them"
                                % (path, number, m.group(0).strip()))
    return problems


def run_all():
    tree = Tree()
    chapters = {path: Chapter(path) for path in ["README.md"] + sorted(
        f for f in tree.files if f.startswith("docs/") and f.endswith(".md"))}
    checks = [
        ("docs.relative_links_and_anchors_resolve", check_links),
        ("docs.cited_files_exist", check_files),
        ("docs.cited_functions_and_names_exist_in_the_code", check_names),
        ("docs.transcripts_show_todays_source_lines", check_transcripts),
        ("docs.readme_links_every_chapter", check_chapter_list),
        ("docs.ipc_names_say_the_mechanism", check_ipc_names),
        ("docs.reading_order_is_what_tools_reading_order_writes", check_reading_order),
        ("docs.no_hand_written_line_counts_of_the_source", check_line_counts),
    ]
    results = []
    for name, check in checks:
        problems = check(tree, chapters)
        results.append((name, not problems, "\n    " + "\n    ".join(problems) if problems else ""))
    return results


if __name__ == "__main__":
    failed = 0
    for name, passed, detail in run_all():
        print(("PASS " if passed else "FAIL ") + name + ("" if passed else ": " + detail))
        failed += not passed
    sys.exit(1 if failed else 0)
