"""The package as installed: nothing loaded at import, the library found where it should be, the runtime bundled."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import mathcurate
from mathcurate import _binding


def test_importing_loads_no_library() -> None:
    code = (
        "import mathcurate, mathcurate.verl, mathcurate.trl, mathcurate.openrlhf, mathcurate._binding as b, sys;"
        "import mathcurate.ray, mathcurate.spark;"
        "assert b._library is None;"
        "assert not {'torch', 'ray', 'pyspark', 'pyarrow'} & set(sys.modules), sorted(sys.modules);"
        "print('ok')"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=_child_env(), check=True)
    assert out.stdout.strip() == "ok"


def test_the_library_is_the_bundled_one_unless_overridden() -> None:
    path = _binding.library_path()
    override = os.environ.get(_binding.LIBRARY_ENV)
    if override:
        assert path == Path(override).resolve()
    else:
        assert path == Path(mathcurate.__file__).resolve().parent / "_native" / "libmathcurate.so"
    assert _binding.library() is _binding.library()  # loaded once


@pytest.mark.skipif(os.environ.get(_binding.LIBRARY_ENV) is not None, reason="MATHCURATE_LIBRARY points elsewhere")
def test_the_swift_runtime_resolves_inside_the_package() -> None:
    ldd = shutil.which("ldd")
    if ldd is None:
        pytest.skip("no ldd")
    native = Path(mathcurate.__file__).resolve().parent / "_native"
    env = {k: v for k, v in os.environ.items() if k != "LD_LIBRARY_PATH"}
    out = subprocess.run([ldd, str(native / "libmathcurate.so")], capture_output=True, text=True, env=env, check=True)
    lines = [line.split() for line in out.stdout.splitlines() if "=>" in line]
    swift = [line for line in lines if "swift" in line[0].lower() or "foundation" in line[0].lower()]
    assert swift, out.stdout
    for name, _, resolved, *_ in lines:
        assert resolved != "not", f"{name} is not found"
    for name, _, resolved, *_ in swift:
        assert Path(resolved).parent.resolve() == native, f"{name} resolves to {resolved}, outside {native}"


def test_a_missing_library_is_a_clear_error(tmp_path: Path) -> None:
    code = (
        "import mathcurate\n"
        "try:\n"
        "    mathcurate.grade('1', answer='1')\n"
        "except mathcurate.LibraryNotFoundError as e:\n"
        "    print('raised:', e)\n"
    )
    env = dict(_child_env(), MATHCURATE_LIBRARY=str(tmp_path / "nope.so"))
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    assert "raised:" in out.stdout and "MATHCURATE_LIBRARY" in out.stdout


def test_the_package_is_typed() -> None:
    assert (Path(mathcurate.__file__).parent / "py.typed").is_file()


def _child_env() -> dict:
    """The environment for a child Python that imports the same mathcurate as this process."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(Path(mathcurate.__file__).resolve().parents[1])] + (
        [env["PYTHONPATH"]] if env.get("PYTHONPATH") else []))
    return env
