"""Socialflow: write once, publish everywhere."""
