"""Clinical rules as pure functions: no database, no request, fully tested.

Every number here comes from ../shared/DESIGN.md and names its source next to it.
"""
