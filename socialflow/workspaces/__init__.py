"""Workspaces, members, invitations and the activity log (issue 14)."""
