"""Builds tiny wheels, a source-only project and a PEP 503 index of them (test support, offline)."""
import base64, hashlib, io, json, os, sys, tarfile, zipfile

root = sys.argv[1]
files = os.path.join(root, 'files')
os.makedirs(files, exist_ok=True)


def record_line(path, data):
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b'=').decode()
    return f'{path},sha256={digest},{len(data)}'


def wheel(project, version, module, source, requires=()):
    dist = f"{project.replace('-', '_')}-{version}"
    name = f'{dist}-py3-none-any.whl'
    metadata = f'Metadata-Version: 2.1\nName: {project}\nVersion: {version}\n'
    metadata += ''.join(f'Requires-Dist: {r}\n' for r in requires)
    entries = {
        f'{module}/__init__.py': source.encode(),
        f'{dist}.dist-info/METADATA': metadata.encode(),
        f'{dist}.dist-info/WHEEL': b'Wheel-Version: 1.0\nGenerator: codeact-test\nRoot-Is-Purelib: true\nTag: py3-none-any\n',
    }
    lines = [record_line(path, data) for path, data in entries.items()] + [f'{dist}.dist-info/RECORD,,']
    entries[f'{dist}.dist-info/RECORD'] = ('\n'.join(lines) + '\n').encode()
    with zipfile.ZipFile(os.path.join(files, name), 'w') as archive:
        for path, data in entries.items():
            archive.writestr(path, data)
    return name


def sdist(project, version, module):
    """A source distribution setuptools can build (with --allow-sdist, on the host)."""
    name = f'{project}-{version}.tar.gz'
    entries = {
        'PKG-INFO': f'Metadata-Version: 2.1\nName: {project}\nVersion: {version}\n',
        'setup.py': f'from setuptools import setup\nsetup(name={project!r}, version={version!r}, packages=[{module!r}])\n',
        f'{module}/__init__.py': 'BUILT = True\n',
    }
    with tarfile.open(os.path.join(files, name), 'w:gz') as archive:
        for path, text in entries.items():
            data = text.encode()
            info = tarfile.TarInfo(f'{project}-{version}/{path}')
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    return name


projects = {
    'codeact-tiny-dep': [wheel('codeact-tiny-dep', '1.0', 'tiny_dep', 'VALUE = 7\n')],
    'codeact-tiny-app': [
        wheel('codeact-tiny-app', '0.1', 'tiny_app', 'from tiny_dep import VALUE\nANSWER = VALUE * 6\n', ['codeact-tiny-dep>=1.0'])
    ],
    'codeact-bad-hash': [wheel('codeact-bad-hash', '1.0', 'bad_hash', 'X = 1\n')],
    'codeact-source-only': [sdist('codeact-source-only', '1.0', 'source_only')],
}
simple = os.path.join(root, 'simple')
for project, names in projects.items():
    os.makedirs(os.path.join(simple, project), exist_ok=True)
    links = []
    for name in names:
        with open(os.path.join(files, name), 'rb') as handle:
            digest = hashlib.sha256(handle.read()).hexdigest()
        if project == 'codeact-bad-hash':
            digest = '0' * 64
        links.append(f'<a href="../../files/{name}#sha256={digest}">{name}</a>')
    with open(os.path.join(simple, project, 'index.html'), 'w') as page:
        page.write('<!DOCTYPE html><html><body>\n' + '\n'.join(links) + '\n</body></html>\n')
with open(os.path.join(simple, 'index.html'), 'w') as page:
    page.write(''.join(f'<a href="{p}/">{p}</a>\n' for p in projects))
print(json.dumps(sorted(os.listdir(files))))
