"""Understanding a comment: sentiment, themes, personal data and safeguarding.

Pure functions only: nothing here may import Flask or touch the database, so the
analysis can be tested, benchmarked and run from the command line on its own.
"""
