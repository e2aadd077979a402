"""Quotes linked to speakers for Turkish news (factory `trnews_quotes`)."""

from .component import QuoteFinder, install_extensions, make_quote_finder, make_quotes_scorer

__all__ = ["QuoteFinder", "install_extensions", "make_quote_finder", "make_quotes_scorer"]
