"""List every asker, responder, speaker and owner the segmenter records that reads as a piece of a clause
("Mayor did not have the figure to hand and", "A breakdown by ward") instead of a person, a post or a body.

    .venv/bin/python scripts/people_audit.py corpus/* ../shared/corpus/dev ../shared/corpus/real-a

Prints each fragment with why (``nlp.names.fragment_signs``), its document and the rule that made the
record, then a count per folder; exits 1 when any is found (the bar is none).
"""

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from nlp import build_pipeline, segment  # noqa: E402
from nlp.names import fragment_signs  # noqa: E402
from tracker.minutes.readers import read_path  # noqa: E402

# the record kinds and the field of each that names someone
PEOPLE_FIELDS = {"questions": "asker", "responses": "responder", "comments": "speaker", "actions": "owner"}


def people(extracted: dict):
    """(kind, name, rule) for every person a segmented document names."""
    for kind, field in PEOPLE_FIELDS.items():
        for record in extracted.get(kind, []):
            if record.get(field):
                yield kind, record[field], record.get("rule")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folders", nargs="+", help="folders of minutes (*.txt)")
    args = parser.parse_args(argv)
    nlp = build_pipeline()
    found = 0
    for folder in [f for f in args.folders if Path(f).is_dir()]:  # "corpus/*" also names corpus/score.py
        names = fragments = 0
        for path in sorted(Path(folder).glob("*.txt")):
            if path.name == "README.txt":
                continue
            extracted = segment(read_path(str(path)).text, nlp=nlp).to_dict(include_text=False)
            for kind, name, rule in people(extracted):
                names += 1
                signs = fragment_signs(name)
                if signs:
                    fragments += 1
                    print(f"  {kind:<9} {name!r}: {'; '.join(signs)} [{path.name}, {rule}]")
        print(f"== {folder}: {fragments} fragments among {names} people")
        found += fragments
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
