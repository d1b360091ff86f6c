"""Score the segmenter on annotated sets in one process (the shared scorer's figures, without a start-up
per page), and list what it missed and invented, for working through the misses by family.

    .venv/bin/python scripts/score_sets.py ../shared/corpus/dev ../shared/corpus/real-a corpus/quarry
    .venv/bin/python scripts/score_sets.py ../shared/corpus/real-a --misses questions,responses
    .venv/bin/python scripts/score_sets.py ../shared/corpus/real-a --doc hackney --misses all

The figures are the shared scorer's own (`score_doc`, `prf`): `score.py --dir D --cmd 'tracker extract ...'`
gives the same numbers, one process per page.
"""

import argparse
import importlib.util
import sys
from pathlib import Path
import json

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from nlp import build_pipeline, segment  # noqa: E402
from tracker.minutes.readers import read_path  # noqa: E402

KINDS = ("agenda_items", "questions", "responses", "resolutions", "actions")


def load_scorer():
    for candidate in (ROOT.parent / "shared" / "corpus" / "score.py", ROOT / "corpus" / "score.py"):
        if candidate.exists():
            spec = importlib.util.spec_from_file_location("corpus_score", candidate)
            module = importlib.util.module_from_spec(spec)
            spec.loader.exec_module(module)
            return module
    sys.exit("no score.py found in ../shared/corpus or corpus/")


def misses(scorer, gold, ext, kind):
    """Gold entries of `kind` nobody found, and extracted ones that found no gold entry."""
    text = ext.get("text") or ""
    if kind == "agenda_items":
        mapping = scorer.match_items(gold.get("agenda_items", []), ext.get("agenda_items", []))
        lost = [g for gi, g in enumerate(gold.get("agenda_items", [])) if gi not in mapping]
        extra = [e for ei, e in enumerate(ext.get("agenda_items", [])) if ei not in set(mapping.values())]
        return ([f"{g.get('number')} {g.get('title')}" for g in lost],
                [f"{e.get('number')} {e.get('title')} [{e.get('rule')}]" for e in extra])
    mapping = scorer.match_items(gold.get("agenda_items", []), ext.get("agenda_items", []))
    used, lost = set(), []
    for g in gold.get(kind, []):
        spans = scorer.needle_spans(g["text_start"], text)
        want = mapping.get(g.get("item"))
        for ei, e in enumerate(ext.get(kind, [])):
            if ei in used or not scorer.found(g, e, spans, False):
                continue
            if want is not None and e.get("item") is not None and e.get("item") != want:
                continue
            used.add(ei)
            break
        else:
            lost.append(g["text_start"])
    extra = [f"{e.get('text', '')[:160]!r} [{e.get('rule')}]" for ei, e in enumerate(ext.get(kind, [])) if ei not in used]
    return lost, extra


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folders", nargs="+")
    parser.add_argument("--doc", help="only documents whose name contains this")
    parser.add_argument("--misses", default="", help="kinds to list misses for: a comma list, or 'all'")
    parser.add_argument("--verbose", action="store_true", help="F1 per document")
    args = parser.parse_args(argv)
    scorer = load_scorer()
    nlp = build_pipeline()
    show = KINDS if args.misses == "all" else tuple(k for k in args.misses.split(",") if k)
    for folder in args.folders:
        total = {}
        for gold_path in sorted(Path(folder).glob("*.gold.json")):
            name = gold_path.name.removesuffix(".gold.json")
            if args.doc and args.doc not in name:
                continue
            gold = json.loads(gold_path.read_text(encoding="utf-8"))
            ext = segment(read_path(str(gold_path.with_name(name + ".txt"))).text, nlp=nlp).to_dict()
            part = scorer.score_doc(gold, ext)
            scorer.add(total, part)
            if args.verbose:
                figures = " ".join(f"{k[:5]} {scorer.prf(*part[k])[2]:.2f}" for k in KINDS)
                print(f"  {name[:60]:<60} {figures}")
            for kind in show:
                lost, extra = misses(scorer, gold, ext, kind)
                if lost or extra:
                    print(f"--- {name} {kind}")
                    for line in lost:
                        print(f"   MISSED  {line}")
                    for line in extra:
                        print(f"   EXTRA   {line}")
        print(f"== {folder}")
        if total:
            scorer.report(total, False)


if __name__ == "__main__":
    main()
