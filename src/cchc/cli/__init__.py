"""Command line (`cchc`): one Typer app; domain errors become one clean line and an exit code."""
