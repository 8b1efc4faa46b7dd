#!/usr/bin/env python3
"""check-docs.py ROOT: the README and the manual in docs/ hang together.
- README.md is at most 250 lines;
- every docs/*.md, docs/eval.schema.json and docs/archwise.1 is linked from
  README.md;
- every relative link and image in README.md and docs/*.md names a file that
  exists, and every #anchor a heading of that file (GitHub's slugs);
- no project file names the private interface notes by name.
Prints each problem as FILE:LINE: message; exit 1 when there is one."""
import os
import re
import subprocess
import sys

root = sys.argv[1]
problems = []
LINK = re.compile(r'!?\[(?:[^\]\\]|\\.)*\]\(([^)\s]+)(?:\s+"[^"]*")?\)')


def slug(heading):
    s = heading.strip().lower()
    s = re.sub(r'[`*_~]', '', s)
    s = re.sub(r'\[([^\]]*)\]\([^)]*\)', r'\1', s)
    s = re.sub(r'[^\w\- ]', '', s)
    return s.replace(' ', '-')


def anchors(path):
    found, seen, fence = set(), {}, False
    for line in open(path, encoding='utf-8'):
        if re.match(r'\s*(```|~~~)', line):
            fence = not fence
        if fence:
            continue
        m = re.match(r'#{1,6} (.*)', line)
        if m:
            a = slug(m.group(1))
            n = seen.get(a, 0)
            seen[a] = n + 1
            found.add(a if n == 0 else f'{a}-{n}')
    return found


def links(path):
    fence = False
    for no, line in enumerate(open(path, encoding='utf-8'), 1):
        if re.match(r'\s*(```|~~~)', line):
            fence = not fence
        if fence:
            continue
        line = re.sub(r'`[^`]*`', '', line)
        for m in LINK.finditer(line):
            yield no, m.group(1)


readme = os.path.join(root, 'README.md')
docs = sorted(os.path.join(root, 'docs', f) for f in os.listdir(os.path.join(root, 'docs'))
              if f.endswith('.md'))
n = sum(1 for _ in open(readme, encoding='utf-8'))
if n > 250:
    problems.append(f'README.md:{n}: {n} lines, at most 250')

linked = set()
for path in [readme] + docs:
    rel = os.path.relpath(path, root)
    for no, target in links(path):
        if re.match(r'[a-z]+:', target):
            continue
        file, _, frag = target.partition('#')
        dest = os.path.normpath(os.path.join(os.path.dirname(path), file)) if file else path
        if not os.path.exists(dest):
            problems.append(f'{rel}:{no}: link to {target}: no such file')
            continue
        if path == readme:
            linked.add(os.path.relpath(dest, root))
        if frag and dest.endswith('.md') and frag not in anchors(dest):
            problems.append(f'{rel}:{no}: link to {target}: no heading #{frag}')

for want in [os.path.relpath(d, root) for d in docs] + ['docs/eval.schema.json', 'docs/archwise.1']:
    if want not in linked:
        problems.append(f'README.md:1: {want} is not linked from the README')

word = 'CONT' + 'RACT'
files = subprocess.run(['git', '-C', root, 'ls-files'], capture_output=True, text=True).stdout.split()
for f in files:
    p = os.path.join(root, f)
    if not os.path.isfile(p) or '/node_modules/' in p:
        continue
    try:
        text = open(p, encoding='utf-8').read()
    except (UnicodeDecodeError, OSError):
        continue
    for no, line in enumerate(text.split('\n'), 1):
        if word in line:
            problems.append(f'{f}:{no}: names the private notes ({word})')

for p in problems:
    print(p)
print(f'{len(docs)} docs, README {n} lines: {"ok" if not problems else f"{len(problems)} problem(s)"}')
sys.exit(1 if problems else 0)
