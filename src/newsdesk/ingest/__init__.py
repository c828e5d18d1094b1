"""newsdesk.ingest: read files and folders into RawArticles, or a Skip saying why not.

Formats: plain text (with the seed header layouts), HTML (trafilatura), JSONL and .json, RSS/Atom
feeds, WARC; also any of these gzipped (name.jsonl.gz, ...). Unknown names are sniffed.
"""
from newsdesk.ingest.dates import parse_date
from newsdesk.ingest.files import iter_files
from newsdesk.ingest.header import Header, read_header
from newsdesk.ingest.read import read_file, read_paths
from newsdesk.ingest.settings import ReadSettings

__all__ = ["Header", "ReadSettings", "iter_files", "parse_date", "read_file", "read_header", "read_paths"]
