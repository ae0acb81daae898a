"""The input side of sitroom: read files and folders into Documents, or say why not.

`read_paths` walks files and folders, picks a reader for each file by sniffing its content
(an HTML page named `.txt` is still read as HTML), and yields a `model.Document` per article
and an `InputError` per bad file, line or item; it never raises for bad input, so the rest
of a batch goes on. Readers for plain text, HTML, RSS/Atom and JSON Lines are built in;
more can be registered with `@reader` (see `registry`). `normalise` and `content_hash`
define the text that offsets index and its identity.
"""

from sitroom.ingest.clean import content_hash, normalise
from sitroom.ingest.errors import InputError
from sitroom.ingest.registry import Reader, Source, all_readers, get_reader, reader
from sitroom.ingest.walk import read_paths

__all__ = [
    "InputError",
    "Reader",
    "Source",
    "all_readers",
    "content_hash",
    "get_reader",
    "normalise",
    "read_paths",
    "reader",
]
