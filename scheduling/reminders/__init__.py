"""Sending reminders: content, signed links, quiet hours, the rate limit, channels and dispatch.

Rows live in scheduling.models.reminders; scheduling.services.reminders creates,
moves and cancels them; scheduling.tasks hands due rows to the workers.
"""
