#!/usr/bin/env python3
"""Removes repeated <data name="..."> entries from the label resources (the union merge of parallel branches can repeat a key,
which fails the build; resource names compare without case). Keeps the first occurrence."""
import html, re, sys, glob
for path in sys.argv[1:] or glob.glob("src/Portique.Web/Resources/*.resx"):
    seen, out = set(), []
    for line in open(path, encoding="utf-8").read().splitlines(keepends=True):
        m = re.search(r'<data name="([^"]*)"', line)
        if m and "</data>" in line:
            if html.unescape(m.group(1)).casefold() in seen:
                continue
            seen.add(html.unescape(m.group(1)).casefold())
        out.append(line)
    open(path, "w", encoding="utf-8").write("".join(out))
