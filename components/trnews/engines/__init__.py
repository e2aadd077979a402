"""Engines: take numbered input lines, yield output lines, in order.

`local` runs `nlp.pipe` in this process (or spaCy's own worker processes);
`dask` spreads blocks of lines over a dask.distributed cluster. Both share
`local.Extractor.process_block`, so their output is byte-identical.
"""
