"""Builds a platform wheel: the package is pure Python, but it carries libmathcurate.so, so the wheel is tagged
``py3-none-<platform>`` (any Python 3, no CPython ABI, this machine's platform), as ctypes-based packages are.

The metadata lives in pyproject.toml; scripts/build-wheel.sh stages mathcurate/_native/ first.
"""

from pathlib import Path

from setuptools import Distribution, setup

try:
    from setuptools.command.bdist_wheel import bdist_wheel
except ImportError:  # setuptools < 70.1
    from wheel.bdist_wheel import bdist_wheel

NATIVE = Path(__file__).resolve().parent / "mathcurate" / "_native" / "libmathcurate.so"


class BinaryDistribution(Distribution):
    """A distribution with a native part, so its files go to platlib (the wheel's root), not .data/purelib."""

    def has_ext_modules(self) -> bool:
        return True


class PlatformWheel(bdist_wheel):
    """bdist_wheel that refuses to build without the native library and tags the wheel for this platform."""

    def get_tag(self):
        _, _, platform = super().get_tag()  # this machine's platform, e.g. linux_x86_64 (or --plat-name)
        return "py3", "none", platform

    def run(self) -> None:
        if not NATIVE.is_file():
            raise SystemExit(f"{NATIVE} is missing: build wheels with `bash scripts/build-wheel.sh`")
        super().run()


setup(distclass=BinaryDistribution, cmdclass={"bdist_wheel": PlatformWheel})
