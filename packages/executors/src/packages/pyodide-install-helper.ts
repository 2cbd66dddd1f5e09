/**
 * Python run in every Pyodide session before the tool stubs: `install_packages` asks the host, which
 * answers with the wheels (base64); they are unpacked into `/codeact/site`, first on `sys.path`
 * (`_codeact_unpack_wheels`, also used to put them back into a restarted interpreter).
 */
export const pyodideInstallHelper = `
def _codeact_unpack_wheels(wheels):
    """Unpacks wheels (base64) into /codeact/site, first on sys.path."""
    import base64, importlib, io, os, sys, zipfile

    site = '/codeact/site'
    os.makedirs(site, exist_ok=True)
    if site not in sys.path:
        sys.path.insert(0, site)
    for wheel in wheels:
        with zipfile.ZipFile(io.BytesIO(base64.b64decode(wheel['data']))) as archive:
            archive.extractall(site)
    importlib.invalidate_caches()


def install_packages(packages):
    """Installs packages (NAME or NAME==VERSION, with their dependencies) for this session. The host
    downloads them, subject to its policy; they can be imported right after."""
    if isinstance(packages, str):
        packages = packages.split()
    result = __codeact_call_tool__('__codeact_install_packages__', {'packages': list(packages)})
    _codeact_unpack_wheels(result.get('wheels', []))
    installed = [f"{entry['name']} {entry['version']}" for entry in result.get('installed', [])]
    print('Installed ' + ', '.join(installed) if installed else 'Nothing was installed')
`;
