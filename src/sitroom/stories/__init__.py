"""Stories: one happening told by many reports, and the storylines that group them.

The pure parts live here (what a report looks like to the linker, when two reports tell of
the same happening, how their fields are reconciled, how articles group into storylines,
how a story is labelled and briefed); `sitroom.store.stories` reads and writes them.
"""
