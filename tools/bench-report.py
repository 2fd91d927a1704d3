#!/usr/bin/env python3
"""Turn the benchmark console logs into the report (docs/bench.md).

Reads the "BENCH row=... mode=... n=... median=..." lines of a TagOS log
and two Linux logs (as Debian ships it, and without transparent huge
pages), prints the tables, and writes <out>/latest.json, <out>/cost-vs-n.png
(with gnuplot) and two sections of the document: the kernel paths'
table between the lines "<!-- bench:table -->" and "<!-- /bench:table -->",
and the C library's malloc (rows malloc_*, bench/malloc.c) between
"<!-- bench:malloc -->" and "<!-- /bench:malloc -->".  The rest of the
document is written by hand and kept.  A section, latest.json and the plot
are rewritten only if the logs hold rows for them, so a run of one program
(`make bench BENCH=malloc`) leaves the others as they were.
"""
import argparse
import json
import os
import re
import subprocess
import sys

LINE = re.compile(r"^BENCH row=(\S+) mode=(\S+) n=(\d+) median=(\d+) "
                  r"min=(\d+) max=(\d+)$")

# (row, description) in table order.
ROWS = [
    ("boot", "boot to the first user instruction (total)"),
    ("getpid", "getpid, raw svc"),
    ("touch", "first-touch write fault, per page"),
    ("touch_2m", "first touch of 2 MiB (aligned), per page"),
    ("touch_64m", "first touch of 64 MiB (aligned), per page"),
    ("fork", "fork with n resident pages (total)"),
    ("cow", "copy-on-write: child's first write, per page"),
    ("mprotect_mte", "mprotect RW -> RW|MTE of resident pages, per page"),
    ("mprotect_touch", "first write after that mprotect, per page"),
    ("munmap", "munmap of resident pages, per page"),
    ("pageout", "page-out (MADV_PAGEOUT), per page"),
    ("pagein", "page-in (first read after it), per page"),
    ("tagfault_sync", "SYNC tag fault -> SA_SIGINFO handler -> sigreturn"),
    ("tagfault_async", "ASYNC tag fault reported at the next svc -> handler -> sigreturn"),
]
# "tagged-uniform": tagged with one tag a page (bench/pageout.c).
MODES = ["-", "untagged", "tagged", "tagged-uniform"]

# The malloc rows (bench/malloc.c), a table of their own.
MALLOC_ROWS = [
    ("malloc_free", "malloc(n) + free, per pair"),
    ("malloc_churn", "churn: n random replacements in a pool of 512, "
     "16 B to 2 KiB (total)"),
]

# The least work of each path, in instructions (BENCHMARKS.md, "Floors",
# explains each term).  E: one exception entry and exit.
E = 40
PAGE_ZERO = 4096 // 64          # DC ZVA / DC GZVA, 64-byte blocks
PAGE_COPY = 2 * 4096 // 16      # LDP + STP of two general registers
TAG_COPY = 2 * 4096 // 256      # LDGM + STGM, 256-byte blocks
TAG_ZERO = 4096 // 256          # STGM of zero tags
ALLOC = 10                      # take a page off a free list
FRAME = 60 + 40 + 10            # fill the signal frame, read it back, handler
# Boot: DC ZVA over the page array of 1 GiB (262,144 pages of a 144-byte
# struct vm_page); devices, CPUs and loading init are small beside it.
BOOT_ZERO = (1 << 30) // 4096 * 144 // 64


def floor(row, mode, n):
    tagged = mode == "tagged"
    if row == "boot":
        return BOOT_ZERO
    if row == "getpid":
        return E + 5
    if row == "touch":
        return E + PAGE_ZERO + 1 + ALLOC
    if row in ("touch_2m", "touch_64m"):
        return (E + 512 * PAGE_ZERO + 1 + ALLOC) / 512
    if row == "fork":
        return E + 200 + 2 * n
    if row == "cow":
        return E + PAGE_COPY + (TAG_COPY if tagged else 0) + 3 + ALLOC
    if row == "mprotect_mte":
        return (E + 1) / n + 1 + TAG_ZERO
    if row == "mprotect_touch":
        return 1
    if row == "munmap":
        return (E + 1) / n + 6
    if row in ("tagfault_sync", "tagfault_async"):
        return 2 * E + FRAME + 3
    return None


def parse(path):
    rows = {}
    if path is None or not os.path.exists(path):
        return rows
    with open(path, errors="replace") as f:
        for line in f:
            m = LINE.match(line.strip())
            if m:
                rows[(m.group(1), m.group(2), int(m.group(3)))] = {
                    "median": int(m.group(4)), "min": int(m.group(5)),
                    "max": int(m.group(6))}
    return rows


def fmt(v):
    if v is None:
        return "-"
    if isinstance(v, float):
        if v >= 100:
            return "{:,}".format(int(round(v)))
        return "{:.1f}".format(v)
    return "{:,}".format(v)


def ratio(a, b):
    if a is None or b is None or b == 0:
        return None
    return a / b


def is_malloc(key):
    return key[0].startswith("malloc_")


def order(k):
    """Table order of the row key (row, mode, n)."""
    return ([r for r, _ in ROWS].index(k[0])
            if k[0] in [r for r, _ in ROWS] else 99,
            k[2], MODES.index(k[1]) if k[1] in MODES else 9)


def merge_previous(rows, path):
    """Add to rows those of path (the last latest.json) whose operation
    this run did not measure: a run of one program (BENCH=name) keeps the
    other rows of the table.  Returns True if it added any."""
    if not os.path.exists(path):
        return False
    ops = {r["op"] for r in rows}
    with open(path) as f:
        old = [r for r in json.load(f).get("rows", []) if r["op"] not in ops]
    rows.extend(old)
    rows.sort(key=lambda r: order((r["op"], r["mode"], r["n"])))
    return bool(old)


def build(tagos, linux, nothp):
    tagos = {k: v for k, v in tagos.items() if not is_malloc(k)}
    linux = {k: v for k, v in linux.items() if not is_malloc(k)}
    keys = sorted(set(tagos) | set(linux), key=order)
    desc = dict(ROWS)
    out = []
    for row, mode, n in keys:
        t = tagos.get((row, mode, n), {}).get("median")
        lx = linux.get((row, mode, n), {}).get("median")
        ln = nothp.get((row, mode, n), {}).get("median")
        tu = None
        if mode in ("tagged", "tagged-uniform"):
            u = tagos.get((row, "untagged", n), {}).get("median")
            tu = ratio(t, u)
        out.append({
            "op": row, "what": desc.get(row, row), "mode": mode, "n": n,
            "tagos": t, "linux": lx, "linux_nothp": ln,
            "tagos_over_linux": ratio(t, lx),
            "tagos_over_linux_nothp": ratio(t, ln),
            "tagged_over_untagged": tu,
            "floor": floor(row, mode, n),
        })
    return out


def table(rows):
    head = ("| operation | n | mode | TagOS | Linux | Linux, no THP | "
            "TagOS/Linux | TagOS/Linux no THP | tagged/untagged (TagOS) | floor |")
    lines = [head, "|" + "---|" * 10]
    for r in rows:
        def rt(v):
            return "-" if v is None else "{:.2f}".format(v)
        lines.append("| {} | {} | {} | {} | {} | {} | {} | {} | {} | {} |".format(
            r["what"], r["n"], r["mode"], fmt(r["tagos"]), fmt(r["linux"]),
            fmt(r["linux_nothp"]), rt(r["tagos_over_linux"]),
            rt(r["tagos_over_linux_nothp"]), rt(r["tagged_over_untagged"]),
            fmt(r["floor"])))
    return "\n".join(lines)


def build_malloc(tagos, linux):
    """The malloc rows: TagOS untagged and tagged (SYNC), their ratio, and
    Linux's glibc malloc beside them (tagged only where glibc tags)."""
    order = [r for r, _ in MALLOC_ROWS]
    desc = dict(MALLOC_ROWS)
    keys = sorted({(r, n) for r, _, n in set(tagos) | set(linux)
                   if r in order}, key=lambda k: (order.index(k[0]), k[1]))
    out = []
    for row, n in keys:
        def get(d, mode):
            return d.get((row, mode, n), {}).get("median")
        tu, tt = get(tagos, "untagged"), get(tagos, "tagged")
        lu, lt = get(linux, "untagged"), get(linux, "tagged")
        out.append({
            "op": row, "what": desc[row], "n": n,
            "tagos_untagged": tu, "tagos_tagged": tt,
            "tagged_over_untagged": ratio(tt, tu),
            "linux_untagged": lu, "linux_tagged": lt,
            "tagos_over_linux_untagged": ratio(tu, lu),
        })
    return out


def malloc_table(rows):
    def rt(v):
        return "-" if v is None else "{:.2f}".format(v)
    lines = ["| operation | n | TagOS untagged | TagOS tagged (SYNC) | "
             "tagged/untagged | Linux glibc untagged | Linux glibc tagged | "
             "TagOS/Linux untagged |", "|" + "---|" * 8]
    for r in rows:
        lines.append("| {} | {} | {} | {} | {} | {} | {} | {} |".format(
            r["what"], r["n"], fmt(r["tagos_untagged"]),
            fmt(r["tagos_tagged"]), rt(r["tagged_over_untagged"]),
            fmt(r["linux_untagged"]), fmt(r["linux_tagged"]),
            rt(r["tagos_over_linux_untagged"])))
    return "\n".join(lines)


def replace_section(text, name, section, title):
    m = re.search(r"<!-- bench:{0} -->.*<!-- /bench:{0} -->".format(name),
                  text, re.S)
    if m:
        return text[:m.start()] + section + text[m.end():]
    return text + "\n" + title + section + "\n"


def plot(rows, out):
    """cost-vs-n.png: per-page cost against n, first touch on the left,
    copy-on-write and munmap on the right, both systems."""
    panels = [
        ("First-touch write fault (512, 16384: 2 MiB, 64 MiB aligned)", [
            ("touch", "tagged", "tagos", "TagOS, tagged", "#c00000", 1),
            ("touch", "untagged", "tagos", "TagOS, untagged", "#ff8080", 1),
            ("touch", "tagged", "linux", "Linux, tagged", "#0040c0", 2),
            ("touch", "tagged", "linux_nothp", "Linux no THP, tagged",
             "#40a0ff", 3),
        ]),
        ("Copy-on-write first write (COW) and munmap", [
            ("cow", "tagged", "tagos", "TagOS COW, tagged", "#c00000", 1),
            ("cow", "tagged", "linux", "Linux COW, tagged", "#0040c0", 2),
            ("cow", "tagged", "linux_nothp", "Linux no THP COW, tagged",
             "#40a0ff", 3),
            ("munmap", "tagged", "tagos", "TagOS munmap, tagged",
             "#008000", 1),
            ("munmap", "tagged", "linux", "Linux munmap, tagged",
             "#606060", 2),
            ("munmap", "tagged", "linux_nothp", "Linux no THP munmap, tagged",
             "#a0a0a0", 3),
        ]),
    ]
    dat = os.path.join(out, "cost-vs-n.dat")
    index = 0
    cmds = []
    with open(dat, "w") as f:
        for ptitle, series in panels:
            plots = []
            for op, mode, sysname, title, color, dt in series:
                pts = []
                for r in rows:
                    base = r["op"]
                    if base in ("touch_2m", "touch_64m"):
                        base = "touch"
                    if base == op and r["mode"] == mode and r[sysname]:
                        pts.append((r["n"], r[sysname]))
                if not pts:
                    continue
                f.write("# {}\n".format(title))
                for n, v in sorted(pts):
                    f.write("{} {}\n".format(n, v))
                f.write("\n\n")
                plots.append("'{}' index {} with linespoints lw 2 pt 7 "
                             "lc rgb '{}' dt {} title '{}'".format(
                                 dat, index, color, dt, title))
                index += 1
            cmds.append("set title '{}'".format(ptitle))
            cmds.append("plot " + ", \\\n  ".join(plots))
    png = os.path.join(out, "cost-vs-n.png")
    script = "\n".join([
        "set terminal pngcairo size 1400,600 font 'sans,11'",
        "set output '{}'".format(png),
        "set multiplot layout 1,2 title 'Instructions per page against n "
        "(QEMU -icount shift=0: one tick per instruction; median of 11 rounds)'",
        "set logscale xy",
        "set xrange [0.7:25000]",
        "set yrange [50:20000]",
        "set xlabel 'n: pages of 4 KiB'",
        "set ylabel 'instructions per page'",
        "set xtics ('1' 1, '64' 64, '512' 512, '4096' 4096, '16384' 16384)",
        "set grid",
        "set key bottom left font 'sans,10'",
    ] + cmds + ["unset multiplot"])
    try:
        subprocess.run(["gnuplot"], input=script.encode(), check=True)
    except (OSError, subprocess.CalledProcessError) as e:
        print("bench-report: gnuplot failed: {}".format(e), file=sys.stderr)
        return None
    return png


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--tagos", required=True)
    ap.add_argument("--linux", required=True)
    ap.add_argument("--linux-nothp")
    ap.add_argument("--linux-version", default="")
    ap.add_argument("--qemu-flags", default="")
    ap.add_argument("--out", required=True)
    ap.add_argument("--doc")
    a = ap.parse_args()

    tagos, linux, nothp = parse(a.tagos), parse(a.linux), parse(a.linux_nothp)
    if not tagos or not linux:
        print("bench-report: no BENCH rows in {}".format(
            a.tagos if not tagos else a.linux), file=sys.stderr)
        return 1
    rows = build(tagos, linux, nothp)
    mrows = build_malloc(tagos, linux)
    os.makedirs(a.out, exist_ok=True)
    try:
        commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"],
                                capture_output=True, text=True).stdout.strip()
    except OSError:
        commit = ""
    measured = ("Measured by `make bench` at TagOS commit {} against "
                "Debian's {}, QEMU `{}`".format(
                    commit or "?", a.linux_version or "Linux", a.qemu_flags))
    text = ""
    if a.doc and os.path.exists(a.doc):
        with open(a.doc) as f:
            text = f.read()
    # Only the boot row (which every run prints) is not a run of the table.
    if any(r["op"] != "boot" for r in rows):
        if merge_previous(rows, os.path.join(a.out, "latest.json")):
            measured += (" (rows of the programs this run left out: as the "
                         "previous run measured them)")
        doc = {
            "unit": "instructions (CNTVCT_EL0 under QEMU -icount shift=0), median of 11 rounds",
            "qemu_flags": a.qemu_flags,
            "tagos_commit": commit,
            "linux": a.linux_version,
            "rows": rows,
        }
        with open(os.path.join(a.out, "latest.json"), "w") as f:
            json.dump(doc, f, indent=1)
            f.write("\n")
        plot(rows, a.out)
        tbl = table(rows)
        print(tbl)
        text = replace_section(text, "table", "\n".join([
            "<!-- bench:table -->",
            measured + ": instructions per operation, median of 11 rounds.",
            "",
            tbl,
            "",
            "![per-page cost against n](bench/results/cost-vs-n.png)",
            "<!-- /bench:table -->"]), "# Benchmarks\n\n")
    if mrows:
        with open(os.path.join(a.out, "malloc.json"), "w") as f:
            json.dump({"unit": "instructions, median of 11 rounds",
                       "qemu_flags": a.qemu_flags, "tagos_commit": commit,
                       "linux": a.linux_version, "rows": mrows}, f,
                      indent=1)
            f.write("\n")
        mtbl = malloc_table(mrows)
        print(mtbl)
        text = replace_section(text, "malloc", "\n".join([
            "<!-- bench:malloc -->",
            measured + " (bench/malloc.c): instructions, median of 11 "
            "rounds.",
            "",
            mtbl,
            "<!-- /bench:malloc -->"]), "## malloc\n\n")
    if a.doc:
        with open(a.doc, "w") as f:
            f.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
