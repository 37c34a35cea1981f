"""Presentation mode without Qt: sections cut into slides, slide themes and text sizes.

The UI (reader/ui/presentation_window.py) supplies a measuring callback that lays the HTML out
in a real QTextDocument; everything here is plain Python and tested without a window.
"""
