"""Pack the restorer's model into tables.bin, the file cchc reads at run time.

Reads lm.csv.gz and channel.csv.gz of a data folder (as scripts/train_restorer.py writes
them), adds the shortlists of the commonest OCR tokens (cchc.ingest.restore.shortlists,
checked against the full search) and writes tables.bin next to them. A few seconds, no
network. train_restorer.py runs it after training; run it by hand after changing the text
files, the channel's settings or its search:

    .venv/bin/python scripts/pack_restorer.py            # the shipped model
    .venv/bin/python scripts/pack_restorer.py --data DIR # a model trained with --out DIR
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from cchc.ingest.restore import DATA
from cchc.ingest.restore.shortlists import with_shortlists
from cchc.ingest.restore.store import PACKED, pack, read_packed, read_text


def pack_folder(folder: Path) -> Path:
    """Write folder/tables.bin from the text files of the folder; returns its path."""
    tables = with_shortlists(read_text(folder))
    path = folder / PACKED
    pack(tables, path)
    if read_packed(path) != tables:
        raise AssertionError(f"{path} does not read back as written")
    return path


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA, help="folder of the model")
    args = parser.parse_args()
    started = time.time()
    path = pack_folder(args.data)
    size = path.stat().st_size / 1e3
    print(f"{path} ({size:.0f} kB) in {time.time() - started:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
