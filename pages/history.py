"""History: every write to the dataset, who made it, when, why, what it was before and after."""

from parley.ui.history_view import history_page
from parley.ui.shell import page

history_page(page())
