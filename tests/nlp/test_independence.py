"""The segmenter stands alone: importing and running it loads no web, database or search code."""

import subprocess
import sys


def test_nlp_imports_none_of_flask_the_database_or_the_search_engines():
    code = (
        "import sys\n"
        "from nlp import segment\n"
        "segment('5 Report\\n\\nRESOLVED – That the report be noted.')\n"
        "print(sorted(m for m in ('flask', 'sqlmodel', 'sqlalchemy', 'whoosh', 'tantivy', 'psycopg', 'tracker') if m in sys.modules))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"
