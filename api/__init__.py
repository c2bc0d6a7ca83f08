"""The read-only open-data API (UU 25/2009 Pasal 23): see docs/api.md."""
