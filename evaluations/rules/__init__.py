"""Clinical rules as pure functions: no database, no request, fully tested.

Every number names its published source next to it; docs/clinical-rules.md gathers them
with the full references (SVS/AVF 2011, CEAP 2020, revised VCSS 2010, payer policies).
"""
