"""Digests and the Local Account: build → store → render → deliver.

A report is built from read-only queries, stored as a dated, versioned record,
then rendered (web page, PDF, easy read) and delivered. The modules here so far
are the pure figures every stage shares, with no Flask and no database:

- `reports.fft`: Friends and Family Test results the NHS England way, whole-percent
  display and Wilson intervals;
- `reports.suppression`: which small numbers a published table must hide;
- `reports.spc`: a Making Data Count XmR chart of a monthly series and a plain-words
  reading of it.
"""
