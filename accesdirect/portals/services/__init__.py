"""Writes of the public side, one module per concern: login_codes (signing in to the job
seekers' app), leads (signing up to be called back)."""
