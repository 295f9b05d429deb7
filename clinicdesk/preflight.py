"""Before the window starts on Linux: can Qt's platform plugin load, is there a screen?

Without one of its system libraries Qt aborts (exit 134) with a message that names the
wrong package. This check runs first, without importing Qt: it finds the platform plugin
Qt will use (``QT_QPA_PLATFORM``, else Wayland and/or xcb as Qt chooses), asks the loader
(``ldd``) which of the libraries it needs are missing, and names the Debian packages that
provide them. Nothing here may stop a start it cannot judge: a plugin it cannot find or a
loader it cannot ask counts as fine.
"""

from __future__ import annotations

import ctypes
import importlib.util
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable, Mapping
from pathlib import Path

from clinicdesk.core.errors import KnownError

# The Debian packages of the libraries the xcb, wayland and offscreen plugins of PySide6
# 6.12 need, directly or through Qt's own libraries: `ldd` on the installed plugins and
# `dpkg -S` on each library, on Debian 12 (libwayland-cursor0 and libwayland-egl1 from
# their .deb files). Debian 13 renames a few (libglib2.0-0t64...); apt accepts these names.
PACKAGES: dict[str, str] = {
    "libEGL.so.1": "libegl1",
    "libGL.so.1": "libgl1",
    "libGLX.so.0": "libglx0",
    "libGLdispatch.so.0": "libglvnd0",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libX11.so.6": "libx11-6",
    "libXau.so.6": "libxau6",
    "libXdmcp.so.6": "libxdmcp6",
    "libbrotlicommon.so.1": "libbrotli1",
    "libbrotlidec.so.1": "libbrotli1",
    "libbsd.so.0": "libbsd0",
    "libcap.so.2": "libcap2",
    "libdbus-1.so.3": "libdbus-1-3",
    "libexpat.so.1": "libexpat1",
    "libffi.so.8": "libffi8",
    "libfontconfig.so.1": "libfontconfig1",
    "libfreetype.so.6": "libfreetype6",
    "libgcrypt.so.20": "libgcrypt20",
    "libglib-2.0.so.0": "libglib2.0-0",
    "libgpg-error.so.0": "libgpg-error0",
    "libgthread-2.0.so.0": "libglib2.0-0",
    "liblz4.so.1": "liblz4-1",
    "liblzma.so.5": "liblzma5",
    "libmd.so.0": "libmd0",
    "libpcre2-8.so.0": "libpcre2-8-0",
    "libpng16.so.16": "libpng16-16",
    "libstdc++.so.6": "libstdc++6",
    "libsystemd.so.0": "libsystemd0",
    "libwayland-client.so.0": "libwayland-client0",
    "libwayland-cursor.so.0": "libwayland-cursor0",
    "libwayland-egl.so.1": "libwayland-egl1",
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-glx.so.0": "libxcb-glx0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-render.so.0": "libxcb-render0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-shm.so.0": "libxcb-shm0",
    "libxcb-sync.so.1": "libxcb-sync1",
    "libxcb-util.so.1": "libxcb-util1",
    "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxcb.so.1": "libxcb1",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libz.so.1": "zlib1g",
    "libzstd.so.1": "libzstd1",
}

Finder = Callable[[Path], list[str] | None]


def platforms(env: Mapping[str, str]) -> list[str]:
    """The platform plugins Qt will try, in order: ``QT_QPA_PLATFORM`` ("xcb",
    "wayland;xcb", "offscreen:opt=1"...), else Wayland in a Wayland session, then xcb."""
    wanted = env.get("QT_QPA_PLATFORM", "")
    if wanted:
        return [name.split(":")[0].strip() for name in wanted.split(";") if name.strip()]
    wayland = bool(env.get("WAYLAND_DISPLAY")) or env.get("XDG_SESSION_TYPE") == "wayland"
    return ["wayland", "xcb"] if wayland else ["xcb"]


def plugin_file(name: str, env: Mapping[str, str]) -> Path | None:
    """The installed plugin of platform `name`, or None when it cannot be found."""
    folder = env.get("QT_QPA_PLATFORM_PLUGIN_PATH")
    if not folder:
        spec = importlib.util.find_spec("PySide6")  # finds the package, loads no Qt library
        if spec is None or not spec.submodule_search_locations:
            return None
        folder = str(Path(list(spec.submodule_search_locations)[0]) / "Qt/plugins/platforms")
    base = "wayland" if name.startswith("wayland") else name
    path = Path(folder) / f"libq{base}.so"
    return path if path.is_file() else None


def missing_libraries(path: Path) -> list[str] | None:
    """The libraries `path` needs that the loader cannot find (``ldd``, else one found by
    loading it); None when it cannot tell."""
    if shutil.which("ldd") is None:
        return _missing_by_loading(path)
    try:
        out = subprocess.run(["ldd", str(path)], capture_output=True, text=True, timeout=20)
    except (OSError, subprocess.SubprocessError):
        return None
    if out.returncode != 0:
        return None
    return sorted(set(re.findall(r"^\s*(\S+) => not found", out.stdout, re.MULTILINE)))


def _missing_by_loading(path: Path) -> list[str] | None:
    try:
        ctypes.CDLL(str(path))
    except OSError as exc:
        found = re.search(r"(\S+\.so[.\d]*): cannot open shared object file", str(exc))
        return [found.group(1)] if found else None
    return []


def check(
    env: Mapping[str, str] | None = None, find: Finder = missing_libraries
) -> KnownError | None:
    """What keeps the window from starting here, as the error to tell the user, or None
    (also off Linux). `find` is the loader's answer for one plugin (tests pass their own)."""
    env = os.environ if env is None else env
    if not sys.platform.startswith("linux"):
        return None
    missing: dict[str, list[str]] = {}
    no_screen = []
    for name in platforms(env):
        path = plugin_file(name, env)
        libraries = find(path) if path is not None else None
        if libraries:
            missing[name] = libraries
        elif _has_screen(name, env):
            return None
        else:
            no_screen.append(name)
    if missing:
        return _libraries_problem(missing)
    return KnownError("preflight.no_display", plugin=no_screen[0]) if no_screen else None


def _has_screen(name: str, env: Mapping[str, str]) -> bool:
    if name == "xcb":
        return bool(env.get("DISPLAY"))
    if name.startswith("wayland"):
        return bool(env.get("WAYLAND_DISPLAY")) or env.get("XDG_SESSION_TYPE") == "wayland"
    return True  # offscreen, vnc, eglfs...: no display server to look for


def _libraries_problem(missing: dict[str, list[str]]) -> KnownError:
    libraries = sorted({lib for libs in missing.values() for lib in libs})
    packages = sorted({PACKAGES[lib] for lib in libraries if lib in PACKAGES})
    unknown = [lib for lib in libraries if lib not in PACKAGES]
    key = "preflight.missing"
    if unknown:
        key = "preflight.missing_unknown" if packages else "preflight.missing_no_package"
    return KnownError(
        key,
        plugins=", ".join(missing),
        libraries=", ".join(libraries),
        packages=" ".join(packages),
        unknown=", ".join(unknown),
    )
