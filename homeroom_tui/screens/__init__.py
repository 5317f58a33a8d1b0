"""The screens and modal dialogs, one module each (the review is a package, one module per tab).

Screens stay thin: they call program and store code, and ask the app for what crosses screens
(open a meeting, the review, an export) with the messages in ``messages.py``. ``dialogs.py`` holds
the base every small dialog shares; ``workers.py`` reads the data folder in thread workers.
"""
