"""trnews: spaCy components for Turkish news text.

Entities, quantity-unit-period triples and quotes linked to speakers, as
`SPEC.md` defines them. Components register through entry points, so an
installed trnews lets `spacy.load` find them without importing this package.
"""

__version__ = "0.1.0"
