"""Signing in: the second factor, throttles on every guessable door, and session limits.

The password step stays Django's own log-in view (with django-axes counting
failures). django-otp adds the second step: TOTP from an authenticator app,
one-time recovery codes, and passkeys (django-otp-webauthn). A session belongs
to a person only once a device of theirs has confirmed it (45 CFR
164.312(d), person or entity authentication).
"""
