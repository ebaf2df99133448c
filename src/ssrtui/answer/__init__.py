"""Search that answers the question (``ask``): which record answers and the line that says it.

- ``query``: ask, the hits reordered so the record that answers comes first, "did you mean";
- ``facts``: lines from a record's own fields (leader, date, place, status, overview);
- ``figures``: the figure that answers "how many X";
- ``relations``: "who funds X", "what does Japan fund", by following links;
- ``line``: the Answer, the source that states it, the words a query adds to a record's names.
"""

from .line import Answer
from .query import Result, ask, suggestion

__all__ = ["Answer", "Result", "ask", "suggestion"]
