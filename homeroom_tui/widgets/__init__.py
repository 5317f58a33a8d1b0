"""Reusable widgets (panels, text fields, the key bar) and their key tables; screens and dialogs: ``screens/``."""
