"""The rules of the service.

Each function takes a session and plain data, and owns its transaction.
"""
