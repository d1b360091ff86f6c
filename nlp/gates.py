"""Gates: what must be around a cue for its match to count, named from the pattern files.

A pattern entry's ``needs`` names a gate ("modal+info"); the gate is a small
function registered under that name, asked "does this match count here?"::

    @ACTION_GATES.gate("modal")
    def modal(at):
        "would/will/should/to be ...": "figures would be circulated".
        return at.reading.modal_before(at.cue.token_start, at.clause_first) or ...

A registry is generic: each stage that reads ``needs`` keeps one
(``GateRegistry("questions")``) and checks its rules against it when its
component is built, so a pattern file naming a gate that does not exist fails
at load with the file's rule id, not silently at run time. A gate takes one
argument, the stage's own context object (for actions, ``At``), and returns
False when the match does not count and anything else when it does.

So a newcomer adds a commitment with one line of JSON and no Python::

    {"id": "a.revert", "label": "ACTION", "needs": "modal", "owner": "subject",
     "phrases": ["revert to"], "examples": ["Officers would revert to Members."], ...}
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Iterable

from .clauses import word_after, word_before
from .patterns import CueRule, PatternError

Gate = Callable[[Any], Any]


class GateRegistry:
    """The gates one stage's rules may name."""

    def __init__(self, stage: str):
        self.stage = stage
        self._gates: dict[str, Gate] = {}

    def gate(self, name: str) -> Callable[[Gate], Gate]:
        """Register the decorated function as the gate ``name``."""

        def register(function: Gate) -> Gate:
            if name in self._gates:
                raise PatternError(f"{self.stage} gate {name!r} is registered twice")
            self._gates[name] = function
            return function

        return register

    def __getitem__(self, name: str) -> Gate:
        try:
            return self._gates[name]
        except KeyError:
            raise PatternError(f"unknown {self.stage} gate {name!r}; known: {', '.join(sorted(self._gates))}") from None

    def __contains__(self, name: str) -> bool:
        return name in self._gates

    def names(self) -> list[str]:
        return sorted(self._gates)

    def check(self, rules: Iterable[CueRule], labels: set[str], *, key: str = "needs") -> None:
        """Fail clearly if a rule with one of ``labels`` names a gate this registry lacks."""
        for rule in rules:
            name = rule.get(key)
            if rule.label in labels and name is not None and name not in self._gates:
                raise PatternError(
                    f"rule {rule.id!r} needs {name!r}, which is not a {self.stage} gate "
                    f"(known: {', '.join(sorted(self._gates))}); register it with @gate({name!r}) in nlp/gates.py"
                )

    def passes(self, name: str | None, context: Any) -> Any:
        """A rule without ``needs`` always counts; otherwise what its gate says."""
        if name is None:
            return True
        return self[name](context)


# -- the actions stage ---------------------------------------------------------

ACTION_GATES = GateRegistry("actions")
gate = ACTION_GATES.gate


@dataclass(frozen=True)
class At:
    """Where an action cue stands: the document's reading, its sentence (tokens
    ``first``..``last``) and the clause around the cue (``clause_first``..``clause_last``)."""

    reading: Any
    sentence: Any
    cue: Any
    first: int
    last: int
    clause_first: int
    clause_last: int

    @property
    def doc(self):
        return self.reading.doc

    def before(self) -> str:
        """The word before the cue, lower-cased ("" at the sentence's start)."""
        return word_before(self.doc, self.cue.token_start).lower_ if self.cue.token_start > self.first else ""


#: Words after a "to" that make no task ("asked to note", "invited to speak").
NOT_TASKS = {"note", "comment", "ask", "speak", "address", "vote", "the", "a", "an", "be", "his", "her", "their", "its"}


@gate("committed")
def committed(at: At):
    """"undertook to write ...", but not "eleven trainees, all of whom had committed to stay" (what others did)."""
    return word_before(at.doc, at.cue.token_start).lower_ not in {"who", "whom", "which"}


@gate("task_follows")
def task_follows(at: At):
    """"asked that ...", and for "were requested to ..." a task's verb after the "to"."""
    doc, cue = at.doc, at.cue
    end = cue.token_end
    if doc[end - 1].lower_ != "to":
        if end >= at.last or word_after(doc, end).lower_ != "to":
            return True
        end = word_after(doc, end).i + 1  # "The Council was requested to determine ...": the verb after the "to"
    following = word_after(doc, end) if end < at.last else None
    return following is not None and following.is_alpha and following.lower_ not in NOT_TASKS | _MEETING_VERBS


# What a meeting does there and then: "the Committee was asked to amend as appropriate and agree" the
# work programme, "Members were happy to support the proposals" decide; they leave nothing to do.
_MEETING_VERBS = {"consider", "agree", "approve", "amend", "endorse", "support", "accept", "adopt", "determine", "scrutinise",
                  "scrutinize", "answer", "take", "see", "hear", "receive", "welcome", "recommend", "proceed", "do", "declare", "vote"}


_DELIVERABLE_SUBJECTS = {"review", "report", "update", "audit", "visit", "workshop", "briefing", "session", "consultation", "survey",
                         "evaluation", "assessment", "letter", "response", "paper", "meeting", "seminar", "exercise", "study"}


@gate("deliverable_subject")
def deliverable_subject(at: At):
    """"a review of the enquiry process was planned": the subject is something owed to the meeting,
    not works ("resurfacing was planned for May"), and it is planned now, not "had been" planned."""
    doc, cue = at.doc, at.cue
    subject = [t.lower_ for t in doc[at.clause_first : cue.token_start]]
    return any(word in _DELIVERABLE_SUBJECTS for word in subject) and not {"had", "not", "been"} & set(subject[-3:])


@gate("label")
def label(at: At):
    """"ACTION: Clerk", "– ACTION", "Action by the Clerk", but not "an action point within the previous minutes"."""
    doc, cue = at.doc, at.cue
    if cue.token_start <= at.first or not doc[cue.token_start].is_alpha:
        return True
    following = doc[cue.token_end] if cue.token_end < len(doc) else None
    return (following is None or following.is_punct or following.is_space or following.text[:1].isupper()
            or doc[cue.token_end - 1].is_punct)


_ANSWERED_THERE = {"clarification", "explanation", "answer", "answers", "response", "responses", "members", "committee", "councillors",
                   "board", "panel", "cabinet", "item", "assurance", "assurances", "confirmation", "views", "comments", "feedback",
                   "update", "updates", "progress", "reassurance", "details"}


@gate("info_follows")
def info_follows(at: At):
    """"asked for a demographic profile of bus users": something to be provided follows (within a few
    words); "asked for clarification", "asked for an explanation" are answered at the meeting."""
    doc, cue = at.doc, at.cue
    window = range(cue.token_end, min(cue.token_end + 5, at.clause_last))
    if any(doc[i].lower_ in _ANSWERED_THERE for i in window):
        return False
    return any(c.label == "INFO" and cue.token_end <= c.token_start < window.stop for c in at.sentence.cues)


@gate("progressive")
def progressive(at: At):
    """"would be reporting back", "will be looking into": a modal, "be", then the verb in -ing."""
    doc, cue = at.doc, at.cue
    before = word_before(doc, cue.token_start)
    return before.lower_ == "be" and at.reading.modal_before(cue.token_start, at.clause_first, infinitive=False)


@gate("resolution_part")
def resolution_part(at: At):
    """"(ii) a Task and Finish Group be established": decided here, to be done."""
    return at.sentence.role == "resolution"


@gate("sentence_start")
def sentence_start(at: At):
    """"Circulate the figures to Members": a bare verb opening a sentence of some length."""
    doc, cue, first, last = at.doc, at.cue, at.first, at.last
    following = word_after(doc, cue.token_end) if cue.token_end < last else None
    return (cue.token_start == first and doc[first].is_title and last - first >= 4 and following is not None
            and following.lower_ not in {"of", "by", "from", "on", "for", "and", "to", "in", "at"} and not following.is_punct)


@gate("modal")
def modal(at: At):
    """"would be circulated", "to be looked into"; in a resolution's part "(c) that the policy be reviewed"."""
    reading = at.reading
    if reading.works_forecast(at.cue, at.clause_first, at.clause_last):
        return False
    return reading.modal_before(at.cue.token_start, at.clause_first) or reading.decided_passive(at.sentence, at.cue, at.clause_last)


@gate("modal+info")
def modal_info(at: At):
    """"figures would be provided": a modal and something to give (or, in a resolution's part, a meeting to give it to)."""
    reading = at.reading
    if reading.works_forecast(at.cue, at.clause_first, at.clause_last):
        return False
    if not (reading.modal_before(at.cue.token_start, at.clause_first)
            or reading.decided_passive(at.sentence, at.cue, at.clause_last, needs_meeting=True)):
        return False
    return reading.has_info(at.sentence, at.clause_first, at.clause_last, at.cue)


@gate("modal+meeting")
def modal_meeting(at: At):
    """"would be considered at the next meeting", "a drop-in session would be held", but not
    "The next meeting will be held on ..." (a date)."""
    reading, doc, cue = at.reading, at.doc, at.cue
    if reading.works_forecast(cue, at.clause_first, at.clause_last):
        return False
    if not reading.modal_before(cue.token_start, at.clause_first):
        return False
    target = cue.token_start if reading.has_event_subject(at.sentence, at.clause_first, cue) else cue.token_end
    if not reading.has_meeting(at.sentence, target, at.clause_last):
        return False
    return not (any(doc[i].lower_ in {"meeting", "meetings"} for i in range(at.clause_first, cue.token_start))
                and cue.token_start - at.clause_first <= 6)


def _modal_in_clause(at: At, infinitive: bool) -> bool:
    reading = at.reading
    if reading.works_forecast(at.cue, at.clause_first, at.clause_last):
        return False
    return any(reading.is_modal(i, infinitive) for i in range(at.clause_first, at.clause_last))


@gate("clause_modal")
def clause_modal(at: At):
    """"in future the actual figure would be included": a modal anywhere in the clause."""
    return _modal_in_clause(at, infinitive=False)


@gate("clause_modal_or_to")
def clause_modal_or_to(at: At):
    """"to be brought to a future meeting", "officers to report to the next meeting": a modal or a "to" task."""
    return _modal_in_clause(at, infinitive=True)


_TARGET_WORDS = {"target", "targets", "standard", "aim", "ambition", "trajectory", "goal", "objective", "aspiration"}
_PLANNED = {"expected", "due", "likely", "going", "was", "were", "is", "are", "scheduled", "planned", "set", "anticipated", "forecast"}
_EXPECTING = {"expected", "expects", "expect", "anticipated", "anticipates", "forecast", "forecasts", "predicted", "hoped", "hopes",
              "projected", "required", "obliged"}


@gate("modal+deadline")
def modal_deadline(at: At):
    """"the figures would be sent by the end of March": a deadline for something owed or someone named;
    not a target ("76% to be achieved by March") nor a forecast ("completion expected by February")."""
    reading, doc, cue, first = at.reading, at.doc, at.cue, at.first
    if reading.works_forecast(cue, at.clause_first, at.clause_last):
        return False
    span = range(at.clause_first, cue.token_start)
    if any(doc[i].lower_ in _TARGET_WORDS for i in span):
        return False
    if any(doc[i].lower_ == "be" and i + 1 < cue.token_start and doc[i + 1].lower_.endswith("ing") for i in span):
        return False
    if cue.token_start > first and word_before(doc, cue.token_start).lower_ in _PLANNED:
        return False
    if cue.token_end < len(doc) and doc[cue.token_end].lower_ in {"%", "per", "percent", "pc"}:
        return False  # "had risen by 18%": a change, not a date
    if any(doc[i].lower_ in _EXPECTING for i in range(first, cue.token_start)):
        return False
    if not any(doc[i].lower_ in {"would", "will", "shall", "should"}
               or doc[i].lower_ == "to" and doc[i - 1].lower_ not in _PLANNED for i in span):
        return False
    # A deadline alone makes no task ("would be deployed by the end of June"); something owed to the
    # meeting or someone named to do it makes one.
    return reading.owed(at.sentence, at.clause_first, at.clause_last, cue) or any(
        c.label in {"HONORIFIC", "ROLE", "GROUP"} and at.clause_first <= c.token_start < cue.token_start for c in at.sentence.cues)


@gate("elided")
def elided(at: At):
    """"... would be reviewed and the outcome reported to the Committee": the modal carries over the "and"."""
    doc, cue, first = at.doc, at.cue, at.first
    joins = [i for i in range(max(first, cue.token_start - 7), cue.token_start) if doc[i].lower_ == "and"]
    return bool(joins) and any(doc[i].lower_ in {"would", "will", "should", "shall", "must", "could", "can", "may", "might"}
                               for i in range(first, joins[-1]))


@gate("decision")
def decision(at: At):
    """"the item was deferred", "agreed to defer"; not "The meeting was adjourned for public participation"
    nor "two applications had been deferred" (what happened before)."""
    doc, cue, first = at.doc, at.cue, at.first
    before = at.before()
    if doc[cue.token_start].lower_.startswith("adjourn") and any(
            doc[i].lower_ == "meeting" for i in range(at.clause_first, cue.token_start)):
        return False
    if before == "been" and cue.token_start - 1 > first and doc[cue.token_start - 2].lower_ == "had":
        return False
    if before == "being" and cue.token_start - 1 > first and doc[cue.token_start - 2].lower_ in {"was", "were", "is", "are"}:
        return False  # "four projects were being carried forward into next year": progress reported
    if before not in {"to", "be", "would", "will", "should", "was", "were", "been", "agreed", "resolved", "decided", "is", "are",
                      "being"}:
        return False
    # "deferred to the January meeting", "to allow a site visit", "until the survey is back", "brought forward from
    # the programme": deferred to something, work follows; "Resolved – to defer the decision on the map board" alone
    # puts nothing on anyone
    return any(t.lower_ in DEFERRED_TO for t in doc[cue.token_end : max(at.clause_last, at.last)])


#: Words that say what a deferral waits for or goes to.
DEFERRED_TO = {"to", "until", "till", "pending", "from", "for", "so", "awaiting", "while", "when", "after", "next"}


#: Verbs that, with nothing after them, say who presents an item at the meeting ("Cabinet Member to
#: report", "Head of Finance to present"): an agenda's words, not a task.
PRESENTING = {"report", "present", "introduce", "update", "attend", "respond", "reply", "answer"}
#: Verbs that, whatever follows, say who presents an item now ("Head of Finance to present the budget
#: report"), unless a deadline or a later meeting follows ("to present the draft to the next meeting").
PRESENTS_NOW = {"present", "introduce", "outline", "summarise", "summarize", "explain"}


def _agent(at: At, needs_info: bool):
    reading, doc, cue = at.reading, at.doc, at.cue
    if doc[cue.token_start].lower_ == "ask" and (
            word_before(doc, cue.token_start).lower_ in {"could", "can", "may", "might"}
            or any(t.lower_ in {"question", "questions"} for t in doc[cue.token_end : cue.token_end + 4])):
        return False  # "each questioner could ask one question": leave to speak, not a task
    after = [t.lower_ for t in doc[cue.token_end : cue.token_end + 3]]
    if after[:2] == ["the", "following"] and (len(after) < 3 or not after[2].isalpha() or after[2] in {"words", "wording", "text", "paragraph"}):
        return False  # "Article 7, Board Membership, add the following;": an amendment's drafting, not a task
    if reading.named_to(cue, at.clause_first):
        if doc[cue.token_start].text[:1].isupper():
            return False  # "Issues to Report from Scrutiny Committees": a heading's words, not a task
        rest = [t for t in doc[cue.token_end : at.clause_last] if not (t.is_punct or t.is_space)]
        if not rest and doc[cue.token_start].lower_ in PRESENTING:
            return False  # "Scrutiny Committee Chairs to report": who presents the item, the agenda's words
        if doc[cue.token_start].lower_ in PRESENTS_NOW and not any(
                c.label == "DUE" and c.token_start >= cue.token_end for c in at.sentence.cues):
            return False  # "Head of Finance to present the budget report": who presents it at this meeting
        return True  # "Clerk to write ..."
    if reading.second_infinitive(cue, at.clause_first) is not None:
        return True  # "undertook to write ... and to report back": the same agent
    subjunctive = reading.subjunctive(cue, at.clause_first, at.sentence)
    if not (subjunctive or reading.modal_before(cue.token_start, at.clause_first, infinitive=False)):
        return False
    if needs_info and not (subjunctive or reading.named_subject(at.sentence, at.clause_first, cue)):
        if cue.token_end < at.clause_last and word_after(doc, cue.token_end).lower_ in {"if", "whether", "how", "what", "when", "why"}:
            return True  # "Officers would confirm if there had been any further spend": an answer owed
        return reading.has_info(at.sentence, cue.token_end, min(cue.token_end + 5, at.clause_last), cue)
    return True


@gate("agent")
def agent(at: At):
    """"would circulate", "Clerk to write to ...", "agreed that the Head of Education arrange a visit"."""
    return _agent(at, needs_info=False)


@gate("agent+info")
def agent_info(at: At):
    """"would provide the figures", "The Director would report ...": an agent and something to give (or a named officer)."""
    return _agent(at, needs_info=True)


@gate("person_then_to")
def person_then_to(at: At):
    """"asked the Cabinet Member to ensure ..."; not "the Society had asked the Council to ..." (background)."""
    if at.before() in {"had", "has", "have"}:
        return False
    if at.before() in {"a", "an", "the", "standing", "open", "this", "that", "their", "its"}:
        return False  # "There is a standing invite for a representative to attend": a noun, nobody asked here
    return at.reading.person_then_to(at.cue, at.clause_last) is not None


_OPINION_WORDS = {"was", "were", "had", "felt", "would", "could", "might", "is", "are", "has", "have", "did", "does", "thought", "believed"}


@gate("proposal")
def proposal(at: At):
    """"suggested that Members review ..." but not "suggested that parents felt ..." nor "the review, which proposed ..."."""
    if at.before() == "which":
        return False
    if any(at.doc[i].lower_ in {"heard", "adjourned"} for i in range(at.cue.token_end, at.clause_last)):
        return False  # "suggested that the deputation be heard as the first item": the meeting's order, now
    # "it was suggested that Renewable Energy and the Grant System would make excellent topics": an opinion
    # (read to the sentence's end: the "and" inside the subject is no new clause)
    return not any(at.doc[i].lower_ in _OPINION_WORDS for i in range(at.cue.token_end, max(at.clause_last, min(at.last, at.cue.token_end + 12))))
