"""Interpreters: read the rule spans on each sentence and fill `Terms` with normalised values.

Each module exposes `collect(ctx: Context, terms: Terms) -> None`. `sla_check.extract`
calls them in the order of `EXTRACTORS`.
"""
