"""One reader per input format, behind one interface (see cchc.ingest.formats)."""
