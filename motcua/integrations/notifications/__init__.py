"""Notifications to applicants: SMS and e-mail, each through a primary and a secondary provider."""
