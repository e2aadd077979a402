"""Quantity-unit-period triples for Turkish news (`trnews_quantities`)."""

from .component import QuantityFinderPipe, install_extensions, make_quantities

__all__ = ["QuantityFinderPipe", "install_extensions", "make_quantities"]
