#!/usr/bin/env python3
"""tools/fd_graph.py - the picture of docs/procfs.md: which IPC objects the
processes of a pipeline hold, as /proc/PID/fd says, drawn from a real run.

    tools/fd_graph.py [--build B] [--log F] [-o F.svg]
    tools/fd_graph.py --draw F [-o F.svg]

The first form boots the kernel of build B (build by default) with
user/demos/procfs/descriptors.c as its program (tools/run-prog), keeps
what it prints in --log, and draws it. The second only draws a log kept
before, so the picture can be drawn again without a machine. The demo
prints:

    pair socket:[1] socket:[2]            the two ends of its socket pair
    process 3 descriptors writes the pipe one line per process: pid, name, role
    fd 3 descriptors 4 pipe:[1]           one per descriptor: the link's text

The picture: the processes on the left, one row per descriptor; the
objects on the right, one box each, however many descriptors name it;
a line from each descriptor to its object (grey for the terminal, which
every process holds); a socket pair's two sockets joined. Only Python's
standard library."""
import argparse
import html
import os
import subprocess
import sys

TOP = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEMO = "user/demos/procfs/descriptors.c"


def parse(text):
    processes, pairs = [], []
    for line in text.splitlines():
        words = line.split()
        if len(words) >= 3 and words[0] == "process":
            processes.append({"pid": words[1], "name": words[2], "role": " ".join(words[3:]), "fds": []})
        elif len(words) >= 5 and words[0] == "fd" and processes and processes[-1]["pid"] == words[1]:
            processes[-1]["fds"].append((words[3], " ".join(words[4:])))
        elif len(words) == 3 and words[0] == "pair":
            pairs.append((words[1], words[2]))
    if not processes:
        sys.exit("fd_graph: no 'process' lines in the log")
    return processes, pairs


def draw(processes, pairs):
    row, gap, left_x, obj_w = 22, 18, 20, 170
    titles = [f'pid {p["pid"]} ({p["name"]}): {p["role"]}' for p in processes]
    box_w = max(300, 24 + 8 * max(len(t) for t in titles))   # 13 px monospace: under 8 px a letter
    obj_x = left_x + box_w + 160
    objects = []
    for process in processes:
        for _, target in process["fds"]:
            if target not in objects:
                objects.append(target)
    out, y, fd_rows = [], 20, {}
    for process in processes:
        height = row * (len(process["fds"]) + 1)
        out.append(f'<rect x="{left_x}" y="{y}" width="{box_w}" height="{height}" rx="6" '
                   'fill="#eef4fb" stroke="#345"/>')
        title = titles[processes.index(process)]
        out.append(f'<text x="{left_x + 8}" y="{y + 15}" font-weight="bold">{html.escape(title)}</text>')
        for i, (fd, target) in enumerate(process["fds"]):
            row_y = y + row * (i + 1) + 15
            out.append(f'<text x="{left_x + 16}" y="{row_y}">fd {html.escape(fd)}</text>')
            fd_rows.setdefault(target, []).append((left_x + box_w, row_y - 4))
        y += height + gap
    total_h = y
    obj_gap = max(40, (total_h - 20) // max(1, len(objects)))
    centers = {}
    for i, target in enumerate(objects):
        oy = 20 + i * obj_gap
        kind = target.split(":")[0]
        fill = {"pipe": "#fde9c8", "socket": "#d9f2d9"}.get(kind, "#eeeeee")
        out.append(f'<rect x="{obj_x}" y="{oy}" width="{obj_w}" height="28" rx="6" fill="{fill}" stroke="#345"/>')
        out.append(f'<text x="{obj_x + obj_w // 2}" y="{oy + 19}" text-anchor="middle">{html.escape(target)}</text>')
        centers[target] = (obj_x, oy + 14)
    for target, rows in fd_rows.items():
        ox, oy = centers[target]
        colour = "#bbbbbb" if target.startswith("/dev/") else "#345"
        width = 1 if target.startswith("/dev/") else 2
        for fx, fy in rows:
            out.append(f'<line x1="{fx}" y1="{fy}" x2="{ox}" y2="{oy}" stroke="{colour}" stroke-width="{width}"/>')
    for a, b in pairs:
        if a in centers and b in centers:
            (ax, ay), (bx, by) = centers[a], centers[b]
            x = obj_x + obj_w
            out.append(f'<path d="M{x},{ay} C{x + 50},{ay} {x + 50},{by} {x},{by}" fill="none" '
                       'stroke="#2a7" stroke-width="2" stroke-dasharray="5,3"/>')
            out.append(f'<text x="{x + 44}" y="{(ay + by) // 2 + 4}">connected</text>')
    width, height = obj_x + obj_w + 120, max(total_h, 20 + len(objects) * obj_gap) + 10
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
            f'font-family="monospace" font-size="13">\n<rect width="100%" height="100%" fill="white"/>\n'
            + "\n".join(out) + "\n</svg>\n")


def run(build, log):
    result = subprocess.run([os.path.join(TOP, "tools", "run-prog"), "-t", "60", "--build", build, DEMO],
                            cwd=TOP, capture_output=True, text=True, timeout=300)
    lines = [l for l in result.stdout.splitlines()
             if l.split(" ", 1)[0] in ("pair", "process", "fd", "received:")]
    if not lines:
        sys.exit("fd_graph: the demo printed nothing:\n" + result.stdout[-2000:] + result.stderr[-2000:])
    text = "\n".join(lines) + "\n"
    if log:
        with open(log, "w") as f:
            f.write(text)
    return text


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--build", default="build")
    parser.add_argument("--log")
    parser.add_argument("--draw", metavar="LOG")
    parser.add_argument("-o", "--output", default="fd-graph.svg")
    args = parser.parse_args()
    if args.draw:
        with open(args.draw) as f:
            text = f.read()
    else:
        text = run(args.build, args.log)
    with open(args.output, "w") as f:
        f.write(draw(*parse(text)))
    print(f"fd_graph: {args.output}")


if __name__ == "__main__":
    main()
