#!/usr/bin/env python3
"""Builds README.md: the introduction (README.md up to the sections marker)
followed by the topic sections in docs/readme/, with a contents list,
tables normalised and repeated headings made unique. `make readme` runs it;
tests/scripts/readme.sh checks README.md is up to date."""
import re, os
import sys
root=os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
dest=sys.argv[1] if len(sys.argv) > 1 else f'{root}/README.md'
head=open(f'{root}/README.md').read()
# keep only my part: everything before the first assembled marker
marker='\n<!-- sections -->\n'
if marker in head:
    head=head.split(marker)[0]
order=['wizard','engine','scoring-data','cost','starter-files','decision-record','recheck','traffic','scan','data-formats','performance','security','development']
secs=[]
for name in order:
    p=f'{root}/docs/readme/{name}.md'
    if os.path.exists(p):
        t=open(p).read().strip()+'\n'
        # demote nothing: sections start with ##
        secs.append(t)
toc=['## Contents','']
for t in secs:
    h=t.splitlines()[0].lstrip('#').strip()
    anchor=re.sub(r'[^a-z0-9 -]','',h.lower().replace('`','')).replace(' ','-')
    toc.append(f'- [{h}](#{anchor})')
out=head.rstrip()+'\n'+marker+'\n'+'\n'.join(toc)+'\n\n'+'\n'.join(secs)
open(dest,'w').write(out)

# Normalise tables ("| a | b |") and make repeated headings unique.
def split_row(line):
    cells, cur, code, i = [], '', False, 0
    body = line.strip()[1:-1]
    while i < len(body):
        ch = body[i]
        if ch == '\\' and i + 1 < len(body):
            cur += body[i:i+2]; i += 2; continue
        if ch == '`':
            code = not code
        if ch == '|' and not code:
            cells.append(cur); cur = ''
        else:
            cur += ch
        i += 1
    cells.append(cur)
    return [c.strip() for c in cells]

text = open(dest).read()
lines = text.split('\n')
out, seen, section, fence, prev_fence = [], {}, '', False, False
for line in lines:
    if line.strip().startswith('```'):
        if not fence and line.strip() == '```':
            line = line.replace('```', '```text')
        fence = not fence
        out.append(line)
        continue
    if not fence and line.startswith('## '):
        section = line[3:].strip()
    if not fence and re.match(r'^#{2,6} ', line):
        h = line.lstrip('#').strip()
        if h in seen:
            line = line + f' ({section})'
        seen[h] = 1
    if not fence and line.startswith('|') and line.rstrip().endswith('|') and len(line.strip()) > 1:
        cells = split_row(line)
        if all(re.fullmatch(r':?-{1,}:?', c) for c in cells):
            cells = [('' if not c.startswith(':') else ':') + '---' + (':' if c.endswith(':') and len(c) > 1 else '') for c in cells]
        line = '|' + '|'.join(f' {c} ' if c else ' ' for c in cells) + '|'
    out.append(line)
open(dest, 'w').write('\n'.join(out))
