"""The Streamlit glue the pages share; the only part of parley that imports streamlit."""
