"""Reusable widgets and modals."""
