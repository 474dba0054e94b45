#!/usr/bin/env python3
"""Rebuilds the Factur-X 1.08 profile schematrons that Portique.Formats runs natively.

FeRD publishes each profile's rules only compiled to XSLT 2.0 (tests/data/schemas/factur-x-1.08/<PROFILE>/FACTUR-X_<PROFILE>.xslt,
made by the ISO schematron skeleton). This script turns each back into the ISO schematron it was compiled from, rule for rule:
one pattern per XSLT mode, its rules in the skeleton's priority order (first match wins), template variables as lets, every
failed-assert and successful-report with its test, id, flag and text. It copies the code list file beside it. The output goes to
src/Portique.Formats/Schemas/factur-x-1.08/<PROFILE>/ and is embedded in the engine. Run from the repository root:

    python3 scripts/facturx-schematron.py
"""
import re
import shutil
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

XSL = '{http://www.w3.org/1999/XSL/Transform}'
SVRL = '{http://purl.oclc.org/dsdl/svrl}'
PROFILES = ['MINIMUM', 'BASIC-WL', 'BASIC', 'EN16931', 'EXTENDED']


def text_of(el):
    return ' '.join(''.join(el.itertext()).split()) if el is not None else ''


def convert(xslt: Path, out: Path, profile: str) -> int:
    head = xslt.read_text(encoding='utf-8')[:4000]
    namespaces = dict(re.findall(r'xmlns:(\w+)="([^"]+)"', head))
    root = ET.parse(xslt).getroot()
    patterns = {}
    for template in root.findall(XSL + 'template'):
        mode = template.get('mode') or ''
        priority = template.get('priority')
        if not re.fullmatch(r'M\d+', mode) or priority is None or float(priority) < 0:
            continue
        rule = {'context': template.get('match'), 'priority': float(priority), 'lets': [], 'checks': []}
        for child in template:
            if child.tag == XSL + 'variable':
                rule['lets'].append((child.get('name'), child.get('select')))
            elif child.tag == XSL + 'choose':
                when, otherwise = child.find(XSL + 'when'), child.find(XSL + 'otherwise')
                failed = otherwise.find(SVRL + 'failed-assert')
                attrs = {a.get('name'): (a.text or '').strip() for a in failed.findall(XSL + 'attribute')}
                rule['checks'].append(('assert', when.get('test'), attrs.get('id'), attrs.get('flag') or failed.get('flag'),
                                       text_of(failed.find(SVRL + 'text'))))
            elif child.tag == XSL + 'if':
                report = child.find(SVRL + 'successful-report')
                attrs = {a.get('name'): (a.text or '').strip() for a in report.findall(XSL + 'attribute')}
                rule['checks'].append(('report', child.get('test'), attrs.get('id'), attrs.get('flag') or report.get('flag'),
                                       text_of(report.find(SVRL + 'text'))))
        patterns.setdefault(int(mode[1:]), []).append(rule)
    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             f'<!-- Factur-X 1.08 (ZUGFeRD 2.4) profile {profile}: the FeRD/FNFE-MPE schematron, rebuilt rule for rule from its',
             f'     published XSLT ({xslt.name}) by scripts/facturx-schematron.py. Do not edit: run the script. -->',
             '<schema xmlns="http://purl.oclc.org/dsdl/schematron" queryBinding="xslt2">']
    for prefix, uri in sorted(namespaces.items()):
        if prefix in ('rsm', 'ram', 'qdt', 'udt', 'xs'):
            lines.append(f'  <ns prefix="{prefix}" uri="{uri}"/>')
    count = 0
    for mode in sorted(patterns):
        lines.append(f'  <pattern id="M{mode}">')
        for rule in sorted(patterns[mode], key=lambda r: -r['priority']):
            lines.append(f'    <rule context={quoteattr(rule["context"])}>')
            for name, select in rule['lets']:
                lines.append(f'      <let name="{name}" value={quoteattr(select)}/>')
            for kind, test, rid, flag, message in rule['checks']:
                attrs = f' test={quoteattr(test)}'
                if rid:
                    attrs += f' id="{rid}"'
                if flag:
                    attrs += f' flag="{flag}"'
                lines.append(f'      <{kind}{attrs}>{escape(message)}</{kind}>')
                count += 1
            lines.append('    </rule>')
        lines.append('  </pattern>')
    lines.append('</schema>')
    out.write_text('\n'.join(lines) + '\n', encoding='utf-8')
    return count


def main() -> int:
    repo = Path(__file__).resolve().parent.parent
    for profile in PROFILES:
        source = repo / 'tests/data/schemas/factur-x-1.08' / profile
        target = repo / 'src/Portique.Formats/Schemas/factur-x-1.08' / profile
        count = convert(source / f'FACTUR-X_{profile}.xslt', target / f'FACTUR-X_{profile}.sch', profile)
        shutil.copyfile(source / f'FACTUR-X_{profile}_codedb.xml', target / f'FACTUR-X_{profile}_codedb.xml')
        print(f'{profile}: {count} asserts and reports')
    return 0


if __name__ == '__main__':
    sys.exit(main())
