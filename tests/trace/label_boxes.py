"""tests/trace/label_boxes.py - where the words of a trace picture really
are: the box of every <text> of an SVG drawn by tools/trace_view.py,
measured with the advance widths of the font the picture asks for (DejaVu
Sans, read from its TrueType file), and the pairs of boxes that overlap.

    boxes(svg_text) -> [Box]           one per text element
    outside(boxes, svg_text) -> [Box]  those reaching past the picture's edges
    overlaps(boxes) -> [(Box, Box)]    every pair whose boxes intersect

Without the font file (fonts-dejavu-core is not installed), the widths are
trace_view.py's own table, which was read from that file. Only Python's
standard library."""
import os
import re
import struct
import sys
import xml.etree.ElementTree as ElementTree

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(ROOT, "tools"))
import trace_view  # noqa: E402

SVG = "{http://www.w3.org/2000/svg}"
FONT_FILES = {False: "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
              True: "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"}
DEFAULT_SIZE = 11          # the font-size of the <svg> element, which texts inherit


class Font:
    """Advance widths and vertical extent of a TrueType font, in ems."""

    def __init__(self, path):
        with open(path, "rb") as f:
            data = f.read()
        tables = {}
        count = struct.unpack(">H", data[4:6])[0]
        for i in range(count):
            tag, _, offset, length = struct.unpack(">4sIII", data[12 + 16 * i:28 + 16 * i])
            tables[tag.decode()] = data[offset:offset + length]
        units = struct.unpack(">H", tables["head"][18:20])[0]
        ascender, descender = struct.unpack(">hh", tables["hhea"][4:8])
        metrics = struct.unpack(">H", tables["hhea"][34:36])[0]
        advances = [struct.unpack(">H", tables["hmtx"][4 * i:4 * i + 2])[0] for i in range(metrics)]
        self.ascent, self.descent = ascender / units, -descender / units
        self.glyphs = self.character_map(tables["cmap"])
        self.advances = [a / units for a in advances]
        self.widest = max(self.advances)

    @staticmethod
    def character_map(cmap):
        """{code point: glyph} from the Unicode BMP subtable (format 4)."""
        count = struct.unpack(">H", cmap[2:4])[0]
        for i in range(count):
            platform, encoding, offset = struct.unpack(">HHI", cmap[4 + 8 * i:12 + 8 * i])
            if (platform, encoding) == (3, 1) and struct.unpack(">H", cmap[offset:offset + 2])[0] == 4:
                table = cmap[offset:]
                segments = struct.unpack(">H", table[6:8])[0] // 2
                ends = struct.unpack(">%dH" % segments, table[14:14 + 2 * segments])
                base = 16 + 2 * segments
                starts = struct.unpack(">%dH" % segments, table[base:base + 2 * segments])
                deltas = struct.unpack(">%dh" % segments, table[base + 2 * segments:base + 4 * segments])
                range_at = base + 4 * segments
                ranges = struct.unpack(">%dH" % segments, table[range_at:range_at + 2 * segments])
                glyphs = {}
                for s in range(segments):
                    for code in range(starts[s], min(ends[s], 0xFFFE) + 1):
                        if ranges[s] == 0:
                            glyph = (code + deltas[s]) & 0xFFFF
                        else:
                            where = range_at + 2 * s + ranges[s] + 2 * (code - starts[s])
                            glyph = struct.unpack(">H", table[where:where + 2])[0]
                            glyph = (glyph + deltas[s]) & 0xFFFF if glyph else 0
                        glyphs[code] = glyph
                return glyphs
        raise ValueError("no Unicode character map")

    def width(self, text):
        return sum(self.advances[min(self.glyphs.get(ord(c), 0), len(self.advances) - 1)] for c in text)


class TableFont:
    """trace_view.py's own widths, for a machine without the font file."""

    def __init__(self, bold):
        self.bold = bold
        self.ascent, self.descent = trace_view.FONT_ASCENT, trace_view.FONT_DESCENT

    def width(self, text):
        return trace_view.text_width(text, 1, self.bold)


def font(bold):
    path = FONT_FILES[bold]
    return Font(path) if os.path.exists(path) else TableFont(bold)


class Box:
    def __init__(self, text, x0, y0, x1, y1):
        self.text, self.x0, self.y0, self.x1, self.y1 = text, x0, y0, x1, y1

    def overlaps(self, other):
        return self.x0 < other.x1 and other.x0 < self.x1 and self.y0 < other.y1 and other.y0 < self.y1

    def __repr__(self):
        return "%r at (%.0f,%.0f)-(%.0f,%.0f)" % (self.text, self.x0, self.y0, self.x1, self.y1)


def boxes(svg_text):
    """The box of each text of the picture: from its
    x, y (the baseline), text-anchor and font size, the width of its
    characters and the font's ascent and descent."""
    fonts = {False: font(False), True: font(True)}
    result = []
    for text in ElementTree.fromstring(svg_text).iter(SVG + "text"):
        words = "".join(text.itertext())
        size = float(text.get("font-size", DEFAULT_SIZE))
        measure = fonts[text.get("font-weight") == "bold"]
        width = measure.width(words) * size
        x, y = float(text.get("x")), float(text.get("y"))
        anchor = text.get("text-anchor", "start")
        x0 = x - width if anchor == "end" else x - width / 2 if anchor == "middle" else x
        result.append(Box(words, x0, y - measure.ascent * size, x0 + width, y + measure.descent * size))
    return result


def overlaps(all_boxes):
    return [(a, b) for i, a in enumerate(all_boxes) for b in all_boxes[i + 1:] if a.overlaps(b)]


def outside(all_boxes, svg_text):
    """The boxes that reach past the picture's edges."""
    root = ElementTree.fromstring(svg_text)
    width, height = float(root.get("width")), float(root.get("height"))
    return [b for b in all_boxes if b.x0 < 0 or b.y0 < 0 or b.x1 > width or b.y1 > height]


if __name__ == "__main__":
    # print the picture's boxes and its overlaps: python3 tests/trace/label_boxes.py build/trace.svg
    with open(sys.argv[1]) as f:
        svg = f.read()
    found = boxes(svg)
    for box in found:
        print(box)
    for a, b in overlaps(found):
        print("OVERLAP", a, b)
    print(re.sub(r"\s+", " ", "%d texts, %d overlaps" % (len(found), len(overlaps(found)))))
