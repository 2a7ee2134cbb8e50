#!/usr/bin/env python3
"""tools/thread_layout.py - the picture of a process and its threads in
docs/threads.md, drawn from a real run: where each thread's user stack,
thread-local storage and kernel stack are, and what they share.

    tools/thread_layout.py [--build B] [--threads N] [--json F] [-o F.svg] PROGRAM.c [ARGS...]
    tools/thread_layout.py --draw F.json [-o F.svg]

The first form (`make thread-layout`) compiles PROGRAM as `make debug
PROG=` does (tools/debug), boots it stopped with a GDB server, and runs
GDB in batch mode with this same file as its script. GDB breaks in
sys_futex_wait until the program has N threads (3 by default), one of
them entering the call and every other one blocked; then it reads, from
the kernel's own tables, the process (its page directory, its memory
regions) and each thread (its tid, task, state, kernel stack and saved
stack pointer, the user registers of its trap frame, its %gs selector
and the base of the GDT descriptor it names) and writes them as JSON. The second form only draws a JSON written before,
so the picture of the chapter can be drawn again without a machine.

The picture: the threads on the left, each with its registers; in the
middle the one user address space they share, its regions top (high
addresses) to bottom, not to scale; on the right the kernel stacks, one
per thread. An arrow joins each thread to where its stack pointer, its
%gs base and its kernel stack pointer point. Only Python's standard
library (and GDB, for the first form)."""
import argparse
import html
import importlib.machinery
import importlib.util
import json
import os
import struct
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
GDB_TIMEOUT = 180
# Guest time counted in instructions (as the boot tests): the same stop
# every run, whatever the host does.
DETERMINISTIC_TIME = ["-icount", "shift=0,sleep=off"]
REGION_FLAGS = {"READ": 0x1, "WRITE": 0x2, "HEAP": 0x4, "STACK": 0x8, "SHARED": 0x10}
TASK_BLOCKED = 2                          # enum task_state (kernel/sched/task.h)


# ------------------------------------------------------------ inside GDB

def capture_in_gdb():
    """Run by GDB (-x this file): stop where the program has its threads,
    write what the kernel knows of them to $THREAD_LAYOUT_JSON."""
    import gdb                            # noqa: F401 (only inside GDB)
    name = os.environ["THREAD_LAYOUT_NAME"][:15]      # struct process's name holds 15
    threads_wanted = int(os.environ["THREAD_LAYOUT_THREADS"])

    def value(expression):
        return int(gdb.parse_and_eval(expression))

    def threads_of(process):
        thread = process["threads"]
        while int(thread):
            yield thread
            thread = thread["next_in_process"]

    class WhenAllThreadsWait(gdb.Breakpoint):
        def stop(self):
            task = gdb.parse_and_eval("cpus[$_thread - 1].current")
            process = task["process"]
            if not int(process) or process["name"].string().rstrip("\0") != name:
                return False
            if int(process["thread_count"]) != threads_wanted:
                return False
            return all(int(t["task"]["state"]) == TASK_BLOCKED for t in threads_of(process)
                       if int(t) != int(task))

    WhenAllThreadsWait("sys_futex_wait", internal=True)
    gdb.execute("continue")
    process = gdb.parse_and_eval("cpus[$_thread - 1].current->process")
    space = process["address_space"]
    frame_size = value("sizeof(struct trap_frame)")
    running = value("cpus[$_thread - 1].current")
    gdt = gdb.parse_and_eval("'arch/x86/gdt.c'::gdt[$_thread - 1]")   # each CPU's own GDT

    def descriptor_base(selector):
        entry = gdt[selector >> 3]
        return int(entry["base_low"]) | int(entry["base_middle"]) << 16 | int(entry["base_high"]) << 24

    threads = []
    for thread in threads_of(process):
        task = thread["task"]
        top = int(task["kernel_stack_top"])
        frame = gdb.parse_and_eval("*(struct trap_frame *)%d" % (top - frame_size))
        is_running = int(thread) == running
        reason = task["wait_reason"]
        threads.append({
            "tid": int(thread["tid"]), "task": int(task["id"]), "running": is_running,
            "state": "running" if is_running else str(task["state"]).replace("TASK_", "").lower(),
            "wait_reason": reason.string() if int(reason) and not is_running else "",
            "page_directory": int(task["page_directory"]),
            "kernel_stack": int(task["kernel_stack"]), "kernel_stack_top": top,
            "kernel_esp": value("$esp") if is_running else int(task["saved_esp"]),
            "struct_thread": int(thread), "struct_thread_size": value("sizeof(struct thread)"),
            "user_eip": int(frame["eip"]), "user_esp": int(frame["user_esp"]), "tls_base": int(thread["tls_base"]),
            "gs": int(frame["gs"]), "gs_descriptor_base": descriptor_base(int(frame["gs"])),
            "signals_blocked": int(thread["signals_blocked"]),
        })
    threads.sort(key=lambda t: t["tid"])
    regions = [{"start": int(space["regions"][i]["start"]), "end": int(space["regions"][i]["end"]),
                "flags": int(space["regions"][i]["flags"])} for i in range(int(space["region_count"]))]
    layout = {
        "program": os.environ["THREAD_LAYOUT_PROGRAM"],
        "pid": int(process["pid"]), "name": process["name"].string().rstrip("\0"),
        "page_directory": int(space["page_directory"]),
        "heap_start": int(space["heap_start"]), "heap_break": int(space["heap_break"]),
        "regions": regions, "threads": threads,
        "stopped_in": "sys_futex_wait",
    }
    with open(os.environ["THREAD_LAYOUT_JSON"], "w") as f:
        json.dump(layout, f, indent=1)
        f.write("\n")
    gdb.execute("kill")


# ------------------------------------------------------------ the run

def load_debug_tool():
    """tools/debug, as a module: its build_program compiles as make debug does."""
    loader = importlib.machinery.SourceFileLoader("debug_tool", os.path.join(ROOT, "tools", "debug"))
    spec = importlib.util.spec_from_loader("debug_tool", loader)
    module = importlib.util.module_from_spec(spec)
    loader.exec_module(module)
    return module


def capture(build, program, arguments, threads, show, json_path):
    debug = load_debug_tool()
    binary, initrd, name = debug.build_program(build, program)
    qemu = subprocess.run(["make", "-s", "--no-print-directory", "-C", ROOT, "B=" + build, "print-qemu-options"],
                          capture_output=True, text=True, check=True).stdout.split()
    port = debug.free_port()
    command_line = "serial=raw quiet panic=poweroff -- --run /bin/%s %s" % (name, " ".join(arguments))
    emulator = subprocess.Popen(qemu + DETERMINISTIC_TIME + [
        "-display", "none", "-serial", "null", "-monitor", "none", "-kernel", os.path.join(build, "kernel.elf"),
        "-initrd", initrd, "-append", command_line, "-S", "-gdb", "tcp:127.0.0.1:%d" % port],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    environment = dict(os.environ, THREAD_LAYOUT_NAME=name, THREAD_LAYOUT_THREADS=str(threads),
                       THREAD_LAYOUT_JSON=json_path,
                       THREAD_LAYOUT_PROGRAM=" ".join([os.path.relpath(os.path.abspath(program), ROOT)] + arguments))
    try:
        time.sleep(0.5)
        done = subprocess.run(["gdb", "-q", "-batch", "-nx", "-ex", "set architecture i386",
                               "-ex", "set pagination off", "-ex", "file " + os.path.join(build, "kernel.elf"),
                               "-ex", "target remote 127.0.0.1:%d" % port, "-x", os.path.abspath(__file__)],
                              cwd=ROOT, env=environment, capture_output=True, text=True, timeout=GDB_TIMEOUT)
    finally:
        emulator.kill()
        emulator.wait()
    if not os.path.exists(json_path) or os.path.getsize(json_path) == 0:
        sys.exit("thread_layout: GDB did not stop where %d threads of %s wait:\n%s" % (
            threads, name, (done.stdout + done.stderr)[-2000:]))
    with open(json_path) as f:
        layout = json.load(f)
    name_the_addresses(layout, binary, show)
    with open(json_path, "w") as f:
        json.dump(layout, f, indent=1)
        f.write("\n")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--build", default=os.path.join(ROOT, "build"))
    parser.add_argument("--threads", type=int, default=3, help="stop when the program has this many threads")
    parser.add_argument("--json", help="where to write what GDB read (default: next to the SVG)")
    parser.add_argument("--show", default="", help="globals of the program to name, NAME,NAME,...")
    parser.add_argument("--draw", metavar="JSON", help="only draw a JSON written before")
    parser.add_argument("-o", "--output", default=os.path.join(ROOT, "build", "thread-layout.svg"))
    parser.add_argument("program", nargs="?")
    parser.add_argument("arguments", nargs=argparse.REMAINDER)
    args = parser.parse_args(argv)
    if args.draw:
        json_path = args.draw
    elif args.program:
        json_path = args.json or os.path.splitext(args.output)[0] + ".json"
        capture(os.path.abspath(args.build), args.program, args.arguments, args.threads,
                [name for name in args.show.split(",") if name], json_path)
    else:
        parser.error("a program to run, or --draw JSON")
    with open(json_path) as f:
        layout = json.load(f)
    with open(args.output, "w") as f:
        f.write(render_svg(layout))
    print("%s: pid %d, %d threads -> %s" % (layout["program"], layout["pid"], len(layout["threads"]), args.output))
    return 0


# ------------------------------------------------------------ the program's symbols

def elf_symbols(path):
    """(symbols, tls_block_size) of a 32-bit ELF file: symbols as
    [(name, value, size, type)] (type 1 object, 2 function, 6 TLS, whose
    value is its offset in the TLS block); the size of the TLS block below
    the thread pointer, aligned as libc/thread/tls.c aligns it."""
    with open(path, "rb") as f:
        data = f.read()
    phoff, shoff = struct.unpack_from("<II", data, 0x1C)[0], struct.unpack_from("<I", data, 0x20)[0]
    phnum, shnum = struct.unpack_from("<H", data, 0x2C)[0], struct.unpack_from("<H", data, 0x30)[0]
    tls_block = 0
    for i in range(phnum):
        p_type, _, _, _, _, p_memsz, _, p_align = struct.unpack_from("<8I", data, phoff + 32 * i)
        if p_type == 7:                   # PT_TLS
            alignment = max(p_align, 4)
            tls_block = (p_memsz + alignment - 1) & ~(alignment - 1)
    sections = [struct.unpack_from("<10I", data, shoff + 40 * i) for i in range(shnum)]
    symbols = []
    for section in sections:
        if section[1] != 2:               # SHT_SYMTAB
            continue
        strings = sections[section[6]][4]
        for offset in range(section[4], section[4] + section[5], 16):
            name, value, size, info = struct.unpack_from("<IIIB", data, offset)
            text = data[strings + name:data.index(b"\0", strings + name)].decode()
            if text and (info & 0xF) in (1, 2, 6):
                symbols.append((text, value, size, info & 0xF))
    return symbols, tls_block


def name_the_addresses(layout, binary, show):
    """Adds to `layout` what the program's symbols say: the function each
    thread's user eip is in, where each thread's errno is (a __thread
    variable: below its thread pointer), and the addresses of the globals
    named in `show`."""
    symbols, tls_block = elf_symbols(binary)
    functions = [s for s in symbols if s[3] == 2 and s[2] > 0]
    errno_offset = next((s[1] for s in symbols if s[0] == "__libc_errno" and s[3] == 6), None)
    for thread in layout["threads"]:
        eip = thread["user_eip"]
        thread["eip_function"] = next((s[0] for s in functions if s[1] <= eip < s[1] + s[2]), "")
        if errno_offset is not None and thread["tls_base"]:
            thread["errno_address"] = thread["tls_base"] - tls_block + errno_offset
    layout["tls_block_size"] = tls_block
    layout["globals"] = [{"name": s[0], "address": s[1], "size": s[2]} for name in show for s in symbols
                         if s[0] == name and s[3] == 1]


# ------------------------------------------------------------ the picture

WIDTH = 1000
SPACE_X, SPACE_W = 84, 252                # the user address space, its addresses on its left
THREAD_X, THREAD_W = 398, 284             # the thread cards
KERNEL_X, KERNEL_W = 730, 256             # the kernel stacks, beside their threads
TOP = 100
CARD_H, CARD_GAP = 120, 18
COLOURS = ["#1565c0", "#2e7d32", "#c62828", "#6a1b9a", "#ef6c00", "#00838f"]
FONT = 11
MONO = "DejaVu Sans Mono, monospace"
GREY = "#616161"


def hex32(value):
    return "0x%08x" % value


def text(x, y, content, size=FONT, anchor=None, weight=None, fill="#212121", family=None):
    return '<text x="%d" y="%d" font-size="%d"%s%s%s fill="%s">%s</text>' % (
        x, y, size, ' text-anchor="%s"' % anchor if anchor else "", ' font-weight="%s"' % weight if weight else "",
        ' font-family="%s"' % family if family else "", fill, html.escape(content))


def box(x, y, w, h, fill, stroke="#90a4ae", css=None):
    return '<rect x="%d" y="%d" width="%d" height="%d" fill="%s" stroke="%s"%s/>' % (
        x, y, w, h, fill, stroke, ' class="%s"' % css if css else "")


def arrow(x1, y1, x2, y2, colour, css, dash=None):
    middle = (x1 + x2) // 2
    return ('<path class="%s" d="M%d,%d C%d,%d %d,%d %d,%d" fill="none" stroke="%s" stroke-width="1.4"%s '
            'marker-end="url(#head-%s)"/>' % (css, x1, y1, middle, y1, middle, y2, x2, y2, colour,
                                               ' stroke-dasharray="%s"' % dash if dash else "", colour[1:]))


class AddressSpace:
    """The user address space drawn as stacked boxes, high addresses on
    top, not to scale; y_of(address) says where an address falls."""

    HEIGHTS = {"stack": 84, "thread": 112, "data": 118, "text": 46, "heap": 26}

    def __init__(self, layout):
        threads = layout["threads"]
        self.owner = {}                   # a thread mapping's start -> (tid, where its TLS block starts)
        self.boxes = []                   # [region, kind, y, height]
        merged = []
        for region in sorted((r for r in layout["regions"] if r["end"] > r["start"]), key=lambda r: -r["start"]):
            kind = self.kind(region, threads)
            if merged and kind == "text" and merged[-1][1] == "text" and merged[-1][0]["start"] == region["end"]:
                merged[-1][0] = dict(merged[-1][0], start=region["start"])    # text, rodata, headers: one box
            else:
                merged.append([dict(region), kind])
        y = TOP
        for i, (region, kind) in enumerate(merged):
            if i and merged[i - 1][0]["start"] != region["end"]:
                y += 16                   # a gap in the address space
            self.boxes.append((region, kind, y, self.HEIGHTS[kind]))
            y += self.HEIGHTS[kind]
            if kind == "thread":
                owner = next(t for t in threads if region["start"] <= t["user_esp"] < region["end"])
                self.owner[region["start"]] = (owner["tid"], owner["tls_base"] - layout.get("tls_block_size", 0))
        self.bottom = y

    @staticmethod
    def kind(region, threads):
        flags = region["flags"]
        if flags & REGION_FLAGS["STACK"]:
            return "stack"
        if flags & REGION_FLAGS["HEAP"]:
            return "heap"
        if any(region["start"] <= t["user_esp"] < region["end"] for t in threads):
            return "thread"
        return "data" if flags & REGION_FLAGS["WRITE"] else "text"

    def y_of(self, address):
        for region, kind, y, height in self.boxes:
            if not region["start"] <= address < region["end"]:
                continue
            if kind == "thread":          # the TLS block and struct __pthread on top, the stack below
                tls_start = self.owner[region["start"]][1]
                if address >= tls_start:
                    return y + 6 + 18 * (region["end"] - address) / (region["end"] - tls_start)
                return y + 42 + (height - 48) * (tls_start - address) / (tls_start - region["start"])
            return y + 4 + (height - 8) * (region["end"] - address) / (region["end"] - region["start"])
        return None


def draw_address_space(layout, space, colour):
    threads = layout["threads"]
    first = threads[0]
    out = ['<g class="address-space">']
    for i, (region, kind, y, h) in enumerate(space.boxes):
        fill = {"stack": "#e3f2fd", "thread": "#f1f8e9", "data": "#fff8e1", "text": "#eceff1",
                "heap": "#fafafa"}[kind]
        out.append(box(SPACE_X, y, SPACE_W, h, fill, css="region " + kind))
        if i == 0 or space.boxes[i - 1][0]["start"] != region["end"]:
            out.append(text(SPACE_X - 4, y + 8, hex32(region["end"]), 9, "end", fill=GREY, family=MONO))
        out.append(text(SPACE_X - 4, y + h + 3, hex32(region["start"]), 9, "end", fill=GREY, family=MONO))
        x = SPACE_X + 6
        if kind == "thread":
            tid = space.owner[region["start"]][0]
            out.append('<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="#90a4ae" stroke-dasharray="3 2"/>' % (
                SPACE_X, y + 30, SPACE_X + SPACE_W, y + 30))
            out.append(text(x, y + 12, "TLS block (errno), struct __pthread", 10, fill="#33691e"))
            out.append(text(x, y + 25, "(tid %d's %%gs base points at the struct)" % tid, 10, fill="#33691e"))
            out.append(text(x, y + 66, "the stack of tid %d, growing down" % tid, FONT, weight="bold",
                            fill=colour[tid]))
            out.append(text(x, y + h - 8, "one mmap by pthread_create, %d KiB" % (
                (region["end"] - region["start"]) // 1024), 10, fill=GREY))
        elif kind == "stack":
            out.append(text(x, y + 40, "the stack of tid %d, the first thread" % first["tid"], FONT,
                            weight="bold", fill=colour[first["tid"]]))
            out.append(text(x, y + 56, "(made by exec; arguments at its top)", 10, fill=GREY))
        elif kind == "data":
            out.append(text(x, y + 14, "data and bss: the globals, one copy", FONT, weight="bold"))
            labels = [(g["address"], "%s  %s" % (hex32(g["address"]), g["name"]), "#5d4037")
                      for g in layout.get("globals", []) if region["start"] <= g["address"] < region["end"]]
            if region["start"] <= first["tls_base"] < region["end"]:
                labels.append((first["tls_base"], "%s  tid %d's struct __pthread" % (
                    hex32(first["tls_base"]), first["tid"]), "#33691e"))
            line_y = y + 16
            for address, label, fill in sorted(labels, key=lambda item: -item[0]):
                line_y = max(line_y + 13, space.y_of(address) + 4)
                out.append(text(x, int(line_y), label, 10, fill=fill, family=MONO))
        elif kind == "text":
            out.append(text(x, y + 18, "the program's code, read-only", FONT, weight="bold"))
            out.append(text(x, y + 34, "(the same instructions for every thread)", 10, fill=GREY))
        else:
            out.append(text(x, y + 17, "heap (brk): %d bytes" % (layout["heap_break"] - layout["heap_start"]), 10,
                            fill=GREY))
    out.append("</g>")
    return out


def draw_thread(layout, thread, y, c, space):
    first = thread["tid"] == layout["pid"]
    state = "running: in the system call" if thread["running"] else "%s: %s" % (thread["state"],
                                                                                  thread["wait_reason"])
    rows = [("user eip", "%s %s" % (hex32(thread["user_eip"]), thread.get("eip_function", ""))),
            ("%gs base", "%s (GDT entry %d)" % (hex32(thread["gs_descriptor_base"]), thread["gs"] >> 3)),
            ("errno at", hex32(thread["errno_address"]) if "errno_address" in thread else "-"),
            ("user esp", hex32(thread["user_esp"])),
            ("kernel esp", hex32(thread["kernel_esp"])),
            ("CR3", hex32(thread["page_directory"]))]
    out = ['<g class="thread" data-tid="%d">' % thread["tid"]]
    out.append(box(THREAD_X, y, THREAD_W, CARD_H, "#fafafa", c))
    out.append('<rect x="%d" y="%d" width="5" height="%d" fill="%s"/>' % (THREAD_X + THREAD_W - 5, y, CARD_H, c))
    out.append(text(THREAD_X + 10, y + 16, "tid %d%s" % (thread["tid"], ", the first thread: tid = pid" if first
                                                          else ""), 12, weight="bold", fill=c))
    out.append(text(THREAD_X + 10, y + 31, state, 10, fill=GREY))
    row_y = {}
    for n, (label, value) in enumerate(rows):
        row_y[label] = y + 47 + n * 13
        out.append(text(THREAD_X + 10, row_y[label], label, 10, fill="#424242"))
        out.append(text(THREAD_X + 76, row_y[label], value, 10, family=MONO))
    out.append("</g>")
    for label, css in (("user esp", "user-esp"), ("%gs base", "tls-base")):
        target = space.y_of(thread["user_esp" if css == "user-esp" else "tls_base"])
        if target is not None:
            out.append(arrow(THREAD_X, row_y[label] - 4, SPACE_X + SPACE_W, int(target), c, css))
    return out, row_y["kernel esp"] - 4


def draw_kernel_stack(thread, y, c, arrow_y):
    """Its kernel stack beside the thread's card: the trap frame on top,
    the stack, and below it (lower addresses) the struct thread."""
    out = ['<g class="kernel-stack" data-tid="%d">' % thread["tid"]]
    out.append(box(KERNEL_X, y, KERNEL_W, 20, "#ffebee", css="trap-frame"))
    out.append(text(KERNEL_X + 6, y + 14, "trap frame: its user registers", 10, fill="#b71c1c"))
    out.append(box(KERNEL_X, y + 20, KERNEL_W, CARD_H - 42, "#fbe9e7"))
    out.append(text(KERNEL_X + 6, y + 37, "kernel stack of tid %d, 8 KiB" % thread["tid"], FONT, weight="bold",
                    fill=c))
    out.append(text(KERNEL_X + 6, y + 52, "%s .. %s" % (hex32(thread["kernel_stack"]),
                                                       hex32(thread["kernel_stack_top"])), 10, fill=GREY, family=MONO))
    used = thread["kernel_stack_top"] - thread["kernel_esp"]
    out.append(text(KERNEL_X + 6, y + 67, "%d bytes in use down to its esp" % used, 10, fill=GREY))
    out.append(box(KERNEL_X, y + CARD_H - 22, KERNEL_W, 22, "#eceff1", css="struct-thread"))
    out.append(text(KERNEL_X + 6, y + CARD_H - 7, "struct thread %s, %d B" % (hex32(thread["struct_thread"]),
                                                                          thread["struct_thread_size"]), 10))
    out.append("</g>")
    out.append(arrow(THREAD_X + THREAD_W, arrow_y, KERNEL_X, y + 20 + 6, c, "kernel-esp", "5 3"))
    return out


def render_svg(layout):
    threads = layout["threads"]
    colour = {t["tid"]: COLOURS[i % len(COLOURS)] for i, t in enumerate(threads)}
    space = AddressSpace(layout)
    height = max(space.bottom, TOP + len(threads) * (CARD_H + CARD_GAP)) + 72
    out = ['<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d" '
           'font-family="DejaVu Sans, Helvetica, Arial, sans-serif" font-size="%d">' % (
               WIDTH, height, WIDTH, height, FONT)]
    out.append("<defs>")
    for c in colour.values():
        out.append('<marker id="head-%s" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" '
                   'orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="%s"/></marker>' % (c[1:], c))
    out.append("</defs>")
    out.append(box(0, 0, WIDTH, height, "white", "white"))
    out.append(text(12, 20, "%s: pid %d, %d threads, stopped in %s" % (
        layout["program"], layout["pid"], len(threads), layout["stopped_in"]), 14, weight="bold"))
    out.append(text(12, 38, "Read from the kernel's tables by GDB (tools/thread_layout.py). Not to scale: each "
                    "box is a region, high addresses on top.", FONT, fill=GREY))
    out.append(text(SPACE_X, TOP - 26, "one user address space, shared", 12, weight="bold"))
    out.append(text(SPACE_X, TOP - 12, "page directory %s" % hex32(layout["page_directory"]), 10, fill=GREY))
    out.append(text(THREAD_X, TOP - 26, "the threads of pid %d" % layout["pid"], 12, weight="bold"))
    out.append(text(THREAD_X, TOP - 12, "each a struct thread, scheduled on its own", 10, fill=GREY))
    out.append(text(KERNEL_X, TOP - 26, "one kernel stack each", 12, weight="bold"))
    out.append(text(KERNEL_X, TOP - 12, "and a GDT entry each for %gs: 6 + tid % 256", 10, fill=GREY))
    out += draw_address_space(layout, space, colour)
    for i, thread in enumerate(threads):
        y = TOP + i * (CARD_H + CARD_GAP)
        card, kernel_arrow_y = draw_thread(layout, thread, y, colour[thread["tid"]], space)
        out += card
        out += draw_kernel_stack(thread, y, colour[thread["tid"]], kernel_arrow_y)
    legend_y = height - 34
    out.append(text(12, legend_y, "Solid arrows: where a thread's user esp and %gs base point, from its trap frame "
                    "and the GDT entry its %gs names. Dashed: to its kernel stack,", 10, fill=GREY))
    out.append(text(12, legend_y + 14, "whose esp is saved_esp while it waits. Drawn again by `make thread-layout`, "
                    "or from this run's numbers: tools/thread_layout.py --draw docs/threads-layout.json.", 10,
                    fill=GREY))
    out.append("</svg>")
    return "\n".join(out) + "\n"


if __name__ == "__main__":
    if "gdb" in sys.modules:              # GDB runs this file as its script
        capture_in_gdb()
    else:
        sys.exit(main())
