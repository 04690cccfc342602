"""Briefing packs for the current selection: an offline HTML file, a PowerPoint deck, CSV and Excel.

Plain Python (no streamlit): parley.briefs gathers what every format shows, the format
modules turn it into bytes, and the pages only offer the bytes for download.
"""
