#!/usr/bin/env python3
"""Resolves git conflict blocks by keeping both sides (ours, then theirs): right for registration lists and appended sections."""
import re, sys
for path in sys.argv[1:]:
    s = open(path, encoding="utf-8").read()
    s = re.sub(r"^<<<<<<< [^\n]*\n(.*?)^=======\n(.*?)^>>>>>>> [^\n]*\n", lambda m: m.group(1) + m.group(2), s, flags=re.S | re.M)
    open(path, "w", encoding="utf-8").write(s)
