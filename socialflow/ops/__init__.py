"""Operator tooling behind the `socialflow` commands: doctor, create-admin."""
