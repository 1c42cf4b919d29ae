"""Programs that ship with pgwidgets, runnable after a plain install.

``python -m pgwidgets.examples.gallery``: every widget class, live (see its docstring).
The other examples (``examples/`` in the source tree) are short programs to read and copy;
the gallery is here so a user can try the widget set without a checkout.
"""
