"""Plotly figure builders: frames in, go.Figure out, all on one template."""
