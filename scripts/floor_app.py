"""The floor for scripts/benchmark.py: the least a Streamlit page with one range chart can take.

One page, one plotly dumbbell chart of a few rows (each row a line from its low to its high end),
drawn with st.plotly_chart, nothing else. Parley's pages are timed against this app served the
same way, so the ratio says what Parley adds on top of Streamlit and plotly themselves.
"""

import plotly.graph_objects as go
import streamlit as st

ROWS = [
    ("Ceasefire line", 20, 45),
    ("Security guarantees", 35, 80),
    ("Sanctions relief", 10, 30),
    ("Prisoner exchange", 60, 75),
    ("Reconstruction fund", 40, 90),
]

figure = go.Figure()
for name, low, high in ROWS:
    figure.add_trace(
        go.Scatter(
            x=[low, high],
            y=[name, name],
            mode="lines+markers",
            line={"width": 6},
            marker={"size": 12},
            showlegend=False,
            hovertemplate=f"{name}: %{{x}}<extra></extra>",
        )
    )
figure.update_layout(
    xaxis={"range": [0, 100], "title": "Position (0 to 100)"},
    yaxis={"autorange": "reversed"},
    height=320,
    margin={"l": 10, "r": 10, "t": 10, "b": 40},
)
st.plotly_chart(figure)
