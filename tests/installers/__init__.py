"""Installers: the frozen bundle, the Linux tarball and the MSI, built and checked."""
