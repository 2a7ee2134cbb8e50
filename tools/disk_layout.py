#!/usr/bin/env python3
"""tools/disk_layout.py - the picture of an ext2 disk in docs/disk.md,
drawn from a real image: its block groups, each with its superblock (or
backup), group descriptors, reserved GDT blocks, block bitmap, inode
bitmap, inode table and data blocks, used or free, labelled with their
block numbers.

    tools/disk_layout.py IMG [-o F.svg] [--title TEXT]

`make disk-layout` makes a fresh image (tools/make-disk), fills it with a
guest program (tools/disk_layout_fill.c, run by tools/run-prog --disk)
and draws docs/disk-layout.svg from it.

What it reads, with e2fsprogs' tools (the image is only read):
  - `dumpe2fs IMG`: the geometry, and for each group where its pieces are
    and which of its blocks and inodes are free;
  - `debugfs -R "icheck B..."`: which inode owns each used data block;
  - `debugfs -R "ncheck I..."` and `stat <I>`: that inode's name, type
    and block map, so that a file's indirect blocks (IND, DIND, TIND) are
    told from its data.

The picture has two parts. At the top, every group to scale, one bar per
group (a run narrower than a pixel is drawn one pixel wide). Below, the
same groups piece by piece: each piece is as wide as its label needs and
grows with the log of its length, so that a one-block bitmap and an
8000-block free run can both be read; the block numbers are under each
piece. Only Python's standard library."""
import argparse
import html
import math
import os
import re
import shutil
import subprocess
import sys
import tempfile

TOOL_TIMEOUT = 120                  # seconds for one dumpe2fs or debugfs
ICHECK_BATCH = 1000                 # block numbers per icheck command
ROOT_INODE = 2
RESIZE_INODE = 7                    # mke2fs's inode that holds the reserved GDT blocks
FIRST_ORDINARY_INODE = 11
GOOD_OLD_INODE_SIZE = 128           # revision 0's inodes (kernel/fs/ext2/ext2_format.h)

# ------------------------------------------------------------ reading the image


def tool(name):
    """The path of an e2fsprogs tool: on PATH, else in /usr/sbin or /sbin."""
    path = shutil.which(name, path=os.environ.get("PATH", "") + os.pathsep + "/usr/sbin" + os.pathsep + "/sbin")
    if not path:
        sys.exit("disk_layout: %s not found: it is in the Debian package e2fsprogs (tools/deps install)" % name)
    return path


def run(command):
    done = subprocess.run(command, capture_output=True, text=True, timeout=TOOL_TIMEOUT)
    if done.returncode != 0:
        sys.exit("disk_layout: %s failed: %s" % (" ".join(command), done.stderr.strip()))
    return done.stdout


def debugfs_script(image, commands):
    """debugfs's answers to `commands` (a list of request lines), as text."""
    with tempfile.NamedTemporaryFile("w", suffix=".debugfs", delete=False) as script:
        script.write("\n".join(commands) + "\n")
    try:
        return run([tool("debugfs"), "-f", script.name, image])
    finally:
        os.unlink(script.name)


def ranges(text):
    """"662-8192, 8300" -> [(662, 8192), (8300, 8300)]."""
    result = []
    for piece in text.replace(" ", "").split(","):
        if piece:
            first, _, last = piece.partition("-")
            result.append((int(first), int(last or first)))
    return result


HEADER_FIELDS = {
    "Filesystem volume name": "volume", "Inode count": "inodes", "Block count": "blocks",
    "Free blocks": "free_blocks", "Free inodes": "free_inodes", "First block": "first_block",
    "Block size": "block_size", "Blocks per group": "blocks_per_group", "Inodes per group": "inodes_per_group",
    "Inode size": "inode_size", "Reserved GDT blocks": "reserved_gdt",
}


def parse_dumpe2fs(text):
    """The superblock's numbers and one dict per group from dumpe2fs's output."""
    header, groups = {}, []
    for line in text.splitlines():
        field = re.match(r"^([A-Z][\w ]*?):\s+(.*)$", line)
        if field and field.group(1) in HEADER_FIELDS and not groups:
            value = field.group(2).strip()
            header[HEADER_FIELDS[field.group(1)]] = int(value) if value.isdigit() else value
            continue
        m = re.match(r"^Group (\d+): \(Blocks (\d+)-(\d+)\)", line)
        if m:
            groups.append({"number": int(m.group(1)), "first": int(m.group(2)), "last": int(m.group(3)),
                           "pieces": [], "free_blocks": [], "free_inodes": []})
            continue
        if not groups:
            continue
        group, line = groups[-1], line.strip()
        m = re.match(r"^(Primary|Backup) superblock at (\d+), Group descriptors at (\d+)-(\d+)", line)
        if m:
            backup = m.group(1) == "Backup"
            group["pieces"].append(("superblock", int(m.group(2)), int(m.group(2)), backup))
            group["pieces"].append(("descriptors", int(m.group(3)), int(m.group(4)), backup))
        for kind, pattern in (("reserved_gdt", r"^Reserved GDT blocks at (\d+)-(\d+)"),
                              ("block_bitmap", r"^Block bitmap at (\d+)()"),
                              ("inode_bitmap", r"^Inode bitmap at (\d+)()"),
                              ("inode_table", r"^Inode table at (\d+)-(\d+)")):
            m = re.match(pattern, line)
            if m:
                group["pieces"].append((kind, int(m.group(1)), int(m.group(2) or m.group(1)), False))
        m = re.match(r"^Free (blocks|inodes): ?(.*)$", line)
        if m:
            group["free_" + m.group(1)] = ranges(m.group(2))
    header.setdefault("inode_size", GOOD_OLD_INODE_SIZE)   # revision 0 does not say
    for name in ("blocks", "block_size", "blocks_per_group", "inodes_per_group", "first_block"):
        if not isinstance(header.get(name), int):
            sys.exit("disk_layout: dumpe2fs gave no %r: not an ext2 image?" % name)
    if not groups:
        sys.exit("disk_layout: dumpe2fs listed no groups")
    return header, groups


def owners_of(image, blocks):
    """{block: inode} for each of `blocks` that an inode owns (icheck)."""
    owners = {}
    for start in range(0, len(blocks), ICHECK_BATCH):
        batch = blocks[start:start + ICHECK_BATCH]
        for line in debugfs_script(image, ["icheck " + " ".join(map(str, batch))]).splitlines():
            m = re.match(r"^(\d+)\s+(\d+)$", line.strip())
            if m:
                owners[int(m.group(1))] = int(m.group(2))
    return owners


def describe_inodes(image, numbers):
    """{inode: {"name", "type", "map"}}: its path on the disk (ncheck), its
    type and the blocks of its map, {block: "IND" | "DIND" | "TIND"} (stat)."""
    described = {n: {"name": "inode %d" % n, "type": "", "map": {}} for n in numbers}
    described.get(ROOT_INODE, {})["name"] = "/"
    if RESIZE_INODE in described:
        described[RESIZE_INODE]["name"] = "resize inode (7)"
    ordinary = [n for n in numbers if n >= FIRST_ORDINARY_INODE]
    if ordinary:
        for line in debugfs_script(image, ["ncheck " + " ".join(map(str, ordinary))]).splitlines():
            m = re.match(r"^(\d+)\s+(/.*)$", line.strip())
            if m and int(m.group(1)) in described:
                described[int(m.group(1))]["name"] = re.sub(r"^/+", "/", m.group(2))
    answer = debugfs_script(image, ["stat <%d>" % n for n in numbers])
    for chunk in re.split(r"(?m)^(?=Inode: \d+)", answer):
        m = re.match(r"Inode: (\d+)\s+Type: (\S+)", chunk)
        if not m or int(m.group(1)) not in described:
            continue
        inode = described[int(m.group(1))]
        inode["type"] = m.group(2)
        blocks = re.search(r"(?ms)^BLOCKS:\n(.*?)(?:^TOTAL|\Z)", chunk)
        for kind, block in re.findall(r"\((IND|DIND|TIND)\):(\d+)", blocks.group(1) if blocks else ""):
            inode["map"][int(block)] = kind
        inode["file_blocks"] = [(int(a), int(b or a), int(c), int(d or c)) for a, b, c, d in re.findall(
            r"\((\d+)(?:-(\d+))?\):(\d+)(?:-(\d+))?", blocks.group(1) if blocks else "")]
    return described


# ------------------------------------------------------------ the pieces of each group

def file_blocks_of(inode, first, last):
    """" 0-11": the file's block numbers that disk blocks first..last hold."""
    held = []
    for file_first, file_last, disk_first, disk_last in inode.get("file_blocks", []):
        low, high = max(first, disk_first), min(last, disk_last)
        if low <= high:
            held.append((file_first + low - disk_first, file_first + high - disk_first))
    if not held:
        return ""
    low, high = held[0][0], held[-1][1]
    return "block %d" % low if low == high else "blocks %d-%d" % (low, high)


def group_pieces(header, group, described, owners):
    """The group as a list of pieces, in block order: (kind, first, last,
    (label, note))."""
    metadata = {}
    for kind, first, last, backup in group["pieces"]:
        for block in range(first, last + 1):
            metadata[block] = (kind, backup)
    free = set()
    for first, last in group["free_blocks"]:
        free.update(range(first, last + 1))
    used_inodes = header["inodes_per_group"] - sum(b - a + 1 for a, b in group["free_inodes"])

    def key_of(block):
        if block in metadata:
            return metadata[block]
        if block in free:
            return ("free", None)
        owner = owners.get(block)
        if owner is None:
            return ("used", None)
        kind = described[owner]["map"].get(block)
        return ("map" if kind else "directory" if described[owner]["type"] == "directory" else "data", owner, kind)

    pieces, block, named = [], group["first"], set()
    if group["number"] == 0 and header["first_block"] > 0:
        pieces.append(("boot", 0, header["first_block"] - 1, ("boot block", "")))
    while block <= group["last"]:
        key, first = key_of(block), block
        while block + 1 <= group["last"] and key_of(block + 1) == key:
            block += 1
        pieces.append((key[0], first, block, label_of(key, first, block, header, used_inodes, described, named)))
        block += 1
    return pieces


METADATA_NAMES = {"superblock": "superblock", "descriptors": "group descriptors",
                  "reserved_gdt": "reserved GDT blocks", "block_bitmap": "block bitmap",
                  "inode_bitmap": "inode bitmap"}


def label_of(key, first, last, header, used_inodes, described, named):
    """What a piece is called, (label, note): a file's name on its first
    piece of the group (`named` holds the inodes named so far), and on each
    piece of a file that has a block map the file's block numbers there."""
    kind = key[0]
    if kind in METADATA_NAMES:
        return ("backup " if key[1] and kind in ("superblock", "descriptors") else "") + METADATA_NAMES[kind], ""
    if kind == "inode_table":
        return "inode table", "%d of %d inodes used" % (used_inodes, header["inodes_per_group"])
    if kind == "free":
        return "free", "%d blocks" % (last - first + 1)
    if kind == "used":
        return "used", "no inode owns it"
    inode, owner = described[key[1]], key[1]
    name = "" if owner in named else inode["name"]
    named.add(owner)
    if kind == "map":
        return key[2], name
    return name, "file " + file_blocks_of(inode, first, last) if inode["map"] else ""


# ------------------------------------------------------------ drawing

COLOURS = {
    "boot": ("#e0e0e0", "boot block (not ext2's)"),
    "superblock": ("#d62728", "superblock (or its backup)"),
    "descriptors": ("#ff7f0e", "group descriptors"),
    "reserved_gdt": ("#ffd8a8", "reserved GDT blocks (room to grow)"),
    "block_bitmap": ("#1f77b4", "block bitmap"),
    "inode_bitmap": ("#2ca02c", "inode bitmap"),
    "inode_table": ("#9467bd", "inode table"),
    "directory": ("#8c564b", "a directory's blocks"),
    "data": ("#7f7f7f", "a file's data"),
    "map": ("#e377c2", "block map: indirect blocks"),
    "used": ("#000000", "used, no inode owns it"),
    "free": ("#ffffff", "free"),
}
DARK = {"superblock", "block_bitmap", "inode_bitmap", "inode_table", "directory", "data", "map", "used"}
FONT = "DejaVu Sans, Verdana, Arial, sans-serif"
CHAR_WIDTH = {9: 5.6, 10: 6.2, 11: 6.8, 12: 7.4, 14: 8.6}   # a generous estimate per character
LEFT = 90                          # the group names' column
WIDTH = 1000
SCALE_BAR_H = 16
PIECE_H = 34
MIN_PIECE_W = 22
MAX_PIECE_W = 170                  # the longest runs (free space, the inode table) stop growing here
ROTATED_LABEL_ANGLE = 40           # degrees: labels too long for their piece stand above it


def text(x, y, content, size=11, anchor="start", fill="#212121", weight="normal", extra=""):
    return '<text x="%.1f" y="%.1f" font-size="%d" text-anchor="%s" fill="%s" font-weight="%s"%s>%s</text>' % (
        x, y, size, anchor, fill, weight, extra, html.escape(content))


def width_of(content, size):
    return len(content) * CHAR_WIDTH[size]


def block_range(first, last):
    return str(first) if first == last else "%d-%d" % (first, last)


def draw_to_scale(header, groups, all_pieces, y):
    out = [text(LEFT, y, "Every group to scale: %d blocks across" % header["blocks_per_group"], 12, weight="bold")]
    y += 10
    scale = (WIDTH - LEFT - 20) / header["blocks_per_group"]
    for group, pieces in zip(groups, all_pieces):
        out.append(text(LEFT - 8, y + 12, "group %d" % group["number"], 11, "end"))
        out.append('<rect x="%.1f" y="%d" width="%.1f" height="%d" fill="#ffffff" stroke="#9e9e9e"/>' % (
            LEFT, y, (group["last"] - group["first"] + 1) * scale, SCALE_BAR_H))
        for kind, first, last, _ in pieces:
            if kind in ("free", "boot"):
                continue
            x = LEFT + (first - group["first"]) * scale
            w = max(1.0, (last - first + 1) * scale)
            out.append('<rect x="%.2f" y="%d" width="%.2f" height="%d" fill="%s"/>' % (
                x, y + 1, w, SCALE_BAR_H - 2, COLOURS[kind][0]))
        free = sum(last - first + 1 for kind, first, last, _ in pieces if kind == "free")
        out.append(text(LEFT, y + SCALE_BAR_H + 11, str(group["first"]), 9, fill="#616161"))
        out.append(text(LEFT + (group["last"] - group["first"] + 1) * scale, y + SCALE_BAR_H + 11,
                        "%d   (%d of %d free)" % (group["last"], free, group["last"] - group["first"] + 1), 9, "end",
                        fill="#616161"))
        y += SCALE_BAR_H + 22
    return out, y


def piece_widths(pieces, room):
    """Each piece's width: enough for its block numbers, growing with the
    log of its length; shrunk (down to what the numbers need) to fit `room`."""
    need = [max(MIN_PIECE_W, width_of(block_range(first, last), 9) + 8) for _, first, last, _ in pieces]
    grow = [math.log2(last - first + 1) for _, first, last, _ in pieces]
    for factor in (18, 16, 14, 12, 10, 8, 6, 4, 2, 0):
        widths = [max(n, min(MAX_PIECE_W, MIN_PIECE_W + factor * g)) for n, g in zip(need, grow)]
        if sum(widths) <= room or factor == 0:
            return widths
    return need


def place_labels(label, note, width):
    """Which of a piece's two lines go inside it and which stand above it:
    (inside lines, the text above or "")."""
    fits = [line for line, size in ((label, 10), (note, 9)) if line and width_of(line, size) + 8 <= width]
    if label and label not in fits:
        return [], ", ".join(line for line in (label, note) if line)
    return fits, "" if note in fits or not note else note


def draw_pieces(header, groups, all_pieces, y):
    out = [text(LEFT, y, "Every group piece by piece (not to scale: the width grows with the log of the length)",
                12, weight="bold")]
    y += 8
    room = WIDTH - LEFT - 20
    angle = math.radians(ROTATED_LABEL_ANGLE)
    for group, pieces in zip(groups, all_pieces):
        widths = piece_widths(pieces, room)
        placed = [place_labels(label, note, w) for (_, _, _, (label, note)), w in zip(pieces, widths)]
        # what does not fit inside stands above its piece, slanted
        rise = max([width_of(above, 10) * math.sin(angle) + 6 for _, above in placed if above] + [0])
        top = y + rise + 6
        out.append(text(LEFT - 8, top + PIECE_H / 2 + 4, "group %d" % group["number"], 11, "end", weight="bold"))
        x = LEFT
        for (kind, first, last, (label, note)), w, (inside, above) in zip(pieces, widths, placed):
            out.append('<rect x="%.1f" y="%.1f" width="%.1f" height="%d" fill="%s" stroke="#424242" '
                       'stroke-width="0.8"><title>%s: %s</title></rect>' % (
                           x, top, w, PIECE_H, COLOURS[kind][0], html.escape(" ".join((label, note)).strip()),
                           block_range(first, last)))
            if above:
                cx = x + w / 2
                out.append('<line x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f" stroke="#9e9e9e" stroke-width="0.6"/>' % (
                    cx, top, cx, top - 4))
                out.append(text(cx + 2, top - 6, above, 10, extra=' transform="rotate(-%d %.1f %.1f)"' % (
                    ROTATED_LABEL_ANGLE, cx + 2, top - 6)))
            colour = "#ffffff" if kind in DARK else "#212121"
            for n, line in enumerate(inside):
                line_y = top + PIECE_H / 2 + 4 + (n - (len(inside) - 1) / 2) * 12
                out.append(text(x + w / 2, line_y, line, 10 if n == 0 else 9, "middle", fill=colour))
            out.append(text(x + w / 2, top + PIECE_H + 12, block_range(first, last), 9, "middle", fill="#424242"))
            x += w
        y = top + PIECE_H + 26
    return out, y


def draw_legend(kinds, y):
    out, x = [], LEFT
    for kind in kinds:
        colour, name = COLOURS[kind]
        w = 18 + width_of(name, 10) + 14
        if x + w > WIDTH - 10:
            x, y = LEFT, y + 18
        out.append('<rect x="%.1f" y="%.1f" width="12" height="12" fill="%s" stroke="#424242" stroke-width="0.8"/>' % (
            x, y - 10, colour))
        out.append(text(x + 17, y, name, 10))
        x += w
    return out, y + 14


def draw(header, groups, all_pieces, title):
    used_blocks = header["blocks"] - header["free_blocks"] if isinstance(header.get("free_blocks"), int) else None
    facts = "%d blocks of %d bytes (%s), %d groups of %d blocks; %d inodes of %d bytes, %d per group" % (
        header["blocks"], header["block_size"], size_text(header["blocks"] * header["block_size"]), len(groups),
        header["blocks_per_group"], header["inodes"], header["inode_size"], header["inodes_per_group"])
    usage = ""
    if used_blocks is not None and isinstance(header.get("free_inodes"), int):
        usage = "in use: %d blocks (metadata included), %d inodes" % (used_blocks, header["inodes"] - header["free_inodes"])
    out = [text(LEFT, 22, title, 14, weight="bold"), text(LEFT, 40, facts, 10, fill="#424242"),
           text(LEFT, 54, usage, 10, fill="#424242")]
    kinds = [k for k in COLOURS if any(p[0] == k for pieces in all_pieces for p in pieces)]
    legend, y = draw_legend(kinds, 78)
    scale, y = draw_to_scale(header, groups, all_pieces, y + 14)
    pieces, y = draw_pieces(header, groups, all_pieces, y + 10)
    body = out + legend + scale + pieces
    return ('<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d" font-family="%s">\n'
            '<rect width="100%%" height="100%%" fill="#ffffff"/>\n%s\n</svg>\n' % (
                WIDTH, y, WIDTH, y, FONT, "\n".join(body)))


def size_text(size):
    for unit, name in ((1 << 30, "GiB"), (1 << 20, "MiB"), (1 << 10, "KiB")):
        if size >= unit and size % unit == 0:
            return "%d %s" % (size // unit, name)
    return "%d bytes" % size


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("image", help="an ext2 image (read only)")
    parser.add_argument("-o", "--output", default="disk-layout.svg", help="the SVG to write")
    parser.add_argument("--title", help="the picture's title (default: the image's name and volume)")
    args = parser.parse_args()
    header, groups = parse_dumpe2fs(run([tool("dumpe2fs"), args.image]))
    metadata = {b for g in groups for _, first, last, _ in g["pieces"] for b in range(first, last + 1)}
    free = {b for g in groups for first, last in g["free_blocks"] for b in range(first, last + 1)}
    used_data = [b for b in range(header["first_block"], header["blocks"]) if b not in metadata and b not in free]
    owners = owners_of(args.image, used_data)
    described = describe_inodes(args.image, sorted(set(owners.values())))
    all_pieces = [group_pieces(header, g, described, owners) for g in groups]
    title = args.title or "%s: ext2, volume \"%s\"" % (os.path.basename(args.image), header.get("volume", ""))
    with open(args.output, "w") as f:
        f.write(draw(header, groups, all_pieces, title))
    print("disk_layout: %s: %d groups, %d used data blocks of %d inodes" % (
        args.output, len(groups), len(used_data), len(described)))


if __name__ == "__main__":
    main()
