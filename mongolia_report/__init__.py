"""Shared code for the report "Mongolia's balancing act, in data".

- ``data``: the one loader (``load``) that reads a resource of data/datapackage.yaml
  through its schema and refuses bad data with file, row and field.
- ``theme``: the chart theme and colour-blind-safe palette (importing it sets Plotly up).
- ``maps``: the folium map helpers.
- ``site``: the Sphinx extension that makes the site, one module per job (how the
  book draws Plotly figures and maps, keeps every asset on the site itself, adds the
  citation box and the freshness table).
"""

from .data import DataValidationError, as_of, complete_through, current_to, load, use_data

__all__ = ["DataValidationError", "as_of", "complete_through", "current_to", "load", "use_data"]
