"""newstrace: turn a stream of news articles into an evidence base.

What happened, who says so, and how independently. The library is the product; the CLI
(`newstrace`) is a thin shell over these functions.
"""

from newstrace.config import Config, load_config
from newstrace.errors import NewstraceError
from newstrace.ingest import IngestOptions, IngestReport, ingest
from newstrace.records import Article, Outlet, Rejection, Run
from newstrace.store import ArticleFilter, Store

__version__ = "0.1.0"

__all__ = [
    "Article", "ArticleFilter", "Config", "IngestOptions", "IngestReport", "NewstraceError",
    "Outlet", "Rejection", "Run", "Store", "__version__", "ingest", "load_config",
]
