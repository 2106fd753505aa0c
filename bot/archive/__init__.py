"""The information package as files: METS (E-ARK CSIP/SIP 2.1), PREMIS, a zip. No database, no Teams."""

from .package import PackageFile, PackageInput, build_package

__all__ = ["PackageFile", "PackageInput", "build_package"]
