"""Actions: follow-up commitments someone must discharge after the meeting.

They hide everywhere, so this stage reads every sentence, whatever record it
already belongs to: questions ("information was requested ... to be shared
with the Committee"), responses ("in future the actual figure would also be
included"), comments ("reiterated previous requests for ..."), resolutions
("requests the Officer to report back"; every part of a resolution that asks
for something) and plain statements ("– ACTION", "Clerk to write to ...").

An action is the clause its cue stands in ("... and details would be shared
with members once firm proposals were known"), so one sentence may hold two.
A cue's ``needs`` names the gate (``nlp/gates.py``) that says what must be
around it for the clause to be a commitment and not a description ("modal":
"would be circulated"; "modal+info": that, and something to give). The rest of
a rule's meaning is data in ``nlp/patterns/actions.jsonl`` too:
- ``priority``: when several cues share a clause, the record names the one
  with the highest (default 0);
- ``owner``: how the owner is read: ``subject`` (who would do it),
  ``subject_or_speaker`` (and "... said that ... and undertook to": the
  speaker), ``passive_subject`` ("Officers were requested to ..."), ``asked``
  ("asked the Cabinet Member to ..."), ``label`` ("ACTION: Clerk"); none
  without it;
- ``asks``: the cue itself asks for something, so it counts inside a question
  ("asked that figures be circulated");
- ``serves``: what the cue also stands for when another cue's gate looks
  around it: ``info`` (something to give), ``owed`` (owed to the meeting),
  ``meeting`` (a meeting to bring it to).
"""

from __future__ import annotations

import re
from datetime import date

from spacy.language import Language
from spacy.tokens import Doc

from .clauses import clause_end, clause_start, relative_task, word_after as _word_after, word_before as _word_before, is_pronoun, motion_as_moved, question_complement, sentence_tokens, subject_before
from .dues import due_phrase, resolve_due
from .gates import ACTION_GATES, NOT_TASKS, PRESENTING, PRESENTS_NOW, At
from .patterns import CueRule, PatternError, load_rules
from .layout import write_spans
from .names import person_or_none
from .records import Action, ActionKind
from .state import Cue, MinutesState, Sentence

MODALS = {"would", "will", "should", "shall", "must", "to", "could", "can", "may", "might"}
_ADVERBS = {"also", "now", "then", "further", "subsequently", "duly", "therefore", "only", "be", "shortly", "soon", "again", "in", "future", "all"}
_NEGATIONS = {"not", "n't", "never", "no"}
_KIND_ORDER = (
    ActionKind.INCLUDE_DATA, ActionKind.SHARE, ActionKind.REPORT_BACK, ActionKind.ARRANGE,
    ActionKind.INVESTIGATE, ActionKind.PROVIDE_INFORMATION,
)
_DECIDING_WORDS = {"agreed", "agree", "agrees", "requested", "request", "requests", "resolved", "recommended", "recommends",
                   "asked", "asks", "proposed", "suggested", "decided", "that", "–", "-", ":", "directed", "instructed"}
_DECIDING_VERBS = {"agreed", "resolved", "decided", "requested", "recommended", "asked", "proposed", "suggested", "instructed", "directed"}
_REQUESTING = {"asked", "asks", "requested", "requests", "enquired", "inquired", "queried", "wondered"}
# What someone is invited to do there and then ("invited her to present the report").
# Words between "asked" and a "to" that make it a question, not a request: "asked where the Council was up
# to with the policy", "asked whether officers had been able to ...".
_NOT_ASKED_TO = {"that", "whether", "if", "what", "how", "why", "when", "who", "which", "where", "whom", "whose",
                 "was", "were", "is", "are", "had", "has", "have", "would", "could", "did", "does"}
_AT_THE_MEETING = {"present", "introduce", "outline", "summarise", "summarize", "join", "open", "respond", "answer", "explain",
                   "declare", "sit", "remain", "withdraw", "leave", "stay", "put", "move", "second", "chair"}
_PUBLIC_SUBMISSIONS = {"questions", "question", "notice", "petitions", "petition", "deputations", "deputation", "statements",
                       "requests", "representations", "submissions"}
_STANDING_OPENERS = {"any", "questions", "question", "notice", "petitions", "petition", "deputations", "deputation", "statements",
                     "requests", "representations", "submissions", "all", "no", "written", "public"}
_SUBMITTING = {"submitted", "received", "sent", "given", "emailed", "e-mailed", "lodged", "delivered", "made", "provided", "forwarded"}
_DETERMINERS = {"the", "a", "an", "this", "that", "its", "their", "his", "her", "any", "each", "every", "of", "our", "your"}
_FORWARDING = {"forwarded", "referred", "submitted", "refer", "be"}
_NAME_JOINERS = {"the", "of", "and", "&", "for", "officers", "members", "officer"}
# Works on the ground: when they will be done is a forecast unless they are for the meeting.
_WORKS_VERBS = {"completed", "installed", "delivered", "repaired", "replaced", "surveyed", "resurfaced", "built", "opened",
                "carried", "finished", "started", "refurbished", "constructed", "fitted", "implemented", "launched"}
_DELIVERABLES = {"report", "reports", "audit", "review", "evaluation", "assessment", "assessments", "letter", "letters", "survey",
                 "plan", "briefing", "update", "information", "figures", "data", "analysis", "exercise", "response", "note",
                 "breakdown", "session", "workshop", "visit", "consultation", "investigation", "check", "checks",
                 "appraisal", "study", "paper"}
_DECIDED = {"noted", "agreed", "approved", "received", "resolved", "recommended", "endorsed", "accepted", "adopted",
            "considered", "welcomed", "supported", "confirmed"}
# "undertook to A and to B", "resolved to A and to B": the words that make both infinitives tasks.
_COMMITTING = {"undertook", "undertake", "undertakes", "agreed", "agree", "agrees", "asked", "asks", "requested", "requests",
               "resolved", "decided", "offered", "promised", "instructed", "invited", "invites", "directs", "directed",
               "tasked", "committed", "volunteered"}
_VERBS_IN_SUBJECT = {"did", "had", "has", "have", "was", "were", "is", "are", "not", "said", "stated", "explained", "confirmed", "advised"}
_RECOMMENDING = {"recommend", "recommends", "recommended"}
_OWNER_JOINERS = {"of", "and", "&", "for", "the", "officers", "members", "officer", "councillors", "staff", "team", "service", "services"}
_SAYING = {"noted", "agreed", "confirmed", "advised", "stated", "said", "indicated", "explained", "reported", "undertook"}
_PEOPLE_AFTER_TO = {"members", "officers", "councillors", "all", "them", "him", "her", "everyone", "residents", "staff", "partners"}
_FUTURE = {"would", "will", "should", "shall"}
_AGREEING = {"agreed", "agrees", "felt", "feel", "feels"}
_DO_NOT_AGREE = {"note", "approve", "accept", "endorse", "receive", "support", "adopt", "defer", "agree", "the"}


OWNER_READINGS = ("subject", "subject_or_speaker", "passive_subject", "by_agent", "asked", "label")


class ActionFinder:
    """The pipeline component. It keeps nothing about a document between calls: one pipeline is
    shared between threads (the web app's), so each document is read by a ``_Reading`` made for
    that call. It holds only the rules, checked once when it is built."""

    def __init__(self, rules: list[CueRule]):
        check_action_rules(rules)
        self.rules = {rule.id: rule for rule in rules}

    def __call__(self, doc: Doc) -> Doc:
        return _Reading(doc, self.rules).run()


def check_action_rules(rules: list[CueRule]) -> None:
    """Fail clearly on an action rule that names an unknown gate or owner reading."""
    ACTION_GATES.check(rules, {"ACTION"})
    for rule in rules:
        if rule.label != "ACTION":
            continue
        owner = rule.get("owner")
        if owner is not None and owner not in OWNER_READINGS:
            raise PatternError(f"rule {rule.id!r}: unknown owner reading {owner!r} (known: {', '.join(OWNER_READINGS)})")
        if not isinstance(rule.get("priority", 0), (int, float)):
            raise PatternError(f"rule {rule.id!r}: priority must be a number")


def _priority(cue: Cue) -> float:
    return -cue.rule.get("priority", 0)


class _Reading:
    """One document's reading: the per-call context every rule looks at."""

    def __init__(self, doc: Doc, rules: dict[str, CueRule]):
        state: MinutesState = doc._.minutes
        self.doc, self.state = doc, state
        self.resolution_cue = Cue(rule=rules["a.resolution"], start=0, end=0, token_start=0, token_end=0)
        self.log_rule = rules["a.action_log_row"].id
        self.listed_cue = Cue(rule=rules["a.listed"], start=0, end=0, token_start=0, token_end=0)
        self.named_cue = Cue(rule=rules["a.named_to"], start=0, end=0, token_start=0, token_end=0)
        self.meeting_date = date.fromisoformat(state.meeting.date) if state.meeting.date else None
        self.completed_lines: dict[int, bool] = {}  # line index -> a table row marked complete (once per line)

    def run(self) -> Doc:
        doc, state = self.doc, self.state
        self._action_log_rows()
        self._listed_actions()
        for sentence in state.sentences:
            if not state.skipped(sentence.start) or (sentence.role == "resolution" and not state.truncated(sentence.start)):
                self._sentence_actions(sentence)
            elif state.truncated(sentence.start) and not state.skipped(sentence.start - 1) and self._complete_clause(sentence):
                # A page cut mid-sentence: what the sentence had said before the cut still counts
                self._sentence_actions(sentence)
        self._resolution_actions()
        self._named_to_actions()
        state.actions.sort(key=lambda a: a.start)
        write_spans(doc, "actions", state.actions, lambda a: "ACTION")
        return doc

    # -- one sentence --------------------------------------------------
    def _sentence_actions(self, sentence: Sentence) -> None:
        doc = self.doc
        first, last = sentence_tokens(self.state, sentence)
        if sentence.cues_labelled("REPORT_INTRO"):
            return  # "X submitted a report ... requesting that ...": the report asks, nobody undertakes
        if self._completed_row(sentence):
            return  # an action log's row marked complete is discharged, not owed
        if motion_as_moved(self.state, sentence):
            return  # "X moved the following motion: “...”": proposed words; the RESOLVED after them decides
        groups: dict[int, list[Cue]] = {}
        label_start = None  # "ACTION: Clerk to circulate ...": the record starts at its label
        asked_from, asked_to = question_complement(self.doc, self.state, sentence, first, last)
        for cue in sentence.cues_labelled("ACTION"):
            marker = cue.rule.get("strength") == "marker"
            if cue.token_start < first and not (marker and cue.token_end > first):
                continue
            if asked_from <= cue.token_start < asked_to and not cue.rule.get("asks") and not self._polite_request(cue, asked_from):
                continue  # "enquired whether the Trust would publish ...": asked about, not promised
            if marker and cue.token_start <= first:
                if self._marker_for_previous(sentence, cue, first, last):
                    return  # "– ACTION: Head of Internal Audit" after a sentence: its owner, nothing more
                others = [c for c in sentence.cues_labelled("ACTION") if c is not cue and c.token_start >= first]
                if any(self._needs_met(sentence, c, first, last) is not False for c in others):
                    label_start = next((t.i for t in doc[cue.token_start : cue.token_end] if t.is_alpha), None)
                    continue  # "ACTION: Clerk to circulate ...": the task's own cue makes the record
                # "ACTION: Clerk to place order ...": no cue of its own, so the marker makes it
            owner_hint = self._needs_met(sentence, cue, first, last)
            if owner_hint is False:
                continue
            start = self._start_token(cue, first, sentence)
            groups.setdefault(start, []).append(cue)
        starts = sorted(groups)
        # "This should include a log and the covering report should be revised":
        # one commitment; a new named subject ("and Councillor Hughes suggested") is another.
        for start in list(starts[1:]):
            previous = starts[starts.index(start) - 1]
            governed = self.doc[start - 1].lower_ == "that" and previous < start - 1
            # "asked that A be invited ..., and that B arrange ...": a second request of its own
            coordinated = (self.doc[start - 1].lower_ == "that" and _word_before(self.doc, start - 1).lower_ == "and"
                           or self.doc[start].lower_ == "and" and self.doc[start + 1].lower_ == "to"  # see second_infinitive
                           # "... would be reviewed in February and the outcome reported to the Committee": a second task
                           or _word_before(self.doc, start).lower_ == "and" and any(c.rule.get("needs") == "elided" for c in groups[start])
                           # "he would ask ... and would write to Mrs Dunmore": see _start_token
                           or self.doc[start].lower_ in _FUTURE and _word_before(self.doc, start).lower_ == "and"
                           # "... a scoping document, which would then be circulated to ...": a second task
                           or relative_task(self.doc, start)
                           # "asked for ... and was told this information would be forwarded": the answer's task
                           or _word_before(self.doc, start).lower_ in {"told", "informed", "advised", "assured"}
                           and _word_before(self.doc, _word_before(self.doc, start).i).lower_ in {"was", "were"})
            if not coordinated and (governed or not self.doc[start].text[:1].isupper()):
                previous = starts[starts.index(start) - 1]
                groups[previous].extend(groups.pop(start))
                starts.remove(start)
        for position, start in enumerate(starts):
            cues = sorted(groups[start], key=_priority)
            end = starts[position + 1] if position + 1 < len(starts) else last
            # "... to the Monitoring Officer [ACTION]": the label closes the record, it is not part of it
            end = min([c.token_start for c in sentence.cues_labelled("ACTION")
                       if c.rule.get("strength") == "marker_after" and start < c.token_start < end] + [end])
            if position == 0 and label_start is not None and label_start < start:
                start = label_start
            while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space or doc[end - 1].lower_ in {"and", "but"}
                                   or doc[end - 1].lower_ == "that" and _word_before(doc, end - 1).lower_ == "and"
                                   # "... asked for a profile of bus users and was told": the answer is the next record's
                                   or doc[end - 1].lower_ in {"told", "informed", "advised", "assured"} and end - 2 > start
                                   and doc[end - 2].lower_ in {"was", "were"}):
                end -= 2 if doc[end - 1].lower_ in {"told", "informed", "advised", "assured"} else 1
            if end <= start:
                continue
            self._add(start, end, cues[0], sentence, first, last, source=sentence.role or "statement", others=cues[1:])

    def _standing_instruction(self, cue: Cue, clause_first: int) -> bool:
        """Agenda text, not minutes: "Questions must be submitted to the Clerk by noon on Monday",
        "Notice of any petition should be given ...": how the public takes part, nobody's task."""
        doc = self.doc
        if not any(t.lower_ in _STANDING_OPENERS for t in doc[clause_first : min(clause_first + 3, cue.token_end)]):
            return False
        words = [t for t in doc[clause_first : cue.token_end] if t.is_alpha]
        if len(words) > 1 and words[0].lower_ == "any" and words[1].lower_ in {"member", "members", "councillor", "councillors", "person", "persons", "one"}:
            return True  # "Any Member making a declaration of interest should provide ...": a standing rule
        while words and words[0].lower_ in _DETERMINERS | {"all", "no", "written", "public", "any"}:
            words = words[1:]
        if not words or words[0].lower_ not in _PUBLIC_SUBMISSIONS:
            return False
        return any(t.lower_ in _SUBMITTING for t in words)

    def _complete_clause(self, sentence: Sentence) -> bool:
        """Whether a sentence cut off by the page's end holds a whole clause (up to a comma) with a
        modal in it: "X would meet as soon as possible to complete a scoping document, which ..."."""
        text = self.state.text[sentence.start : sentence.end]
        head = text.split(",")[0] if "," in text else ""
        return len(head.split()) >= 6 and any(w in head.split() for w in ("would", "will", "should", "to"))

    def _polite_request(self, cue: Cue, asked_from: int) -> bool:
        """"asked if someone from the enforcement team could attend", "requested if this can be
        reviewed": a request put as a question, made with "could/can", for something to be done."""
        doc = self.doc
        if asked_from == 0 or doc[asked_from].lower_ not in {"if", "whether"}:
            return False
        if not any(t.lower_ in _REQUESTING for t in doc[max(0, asked_from - 3) : asked_from]):
            return False
        return any(t.lower_ in {"could", "can"} for t in doc[asked_from : cue.token_start])

    def _completed_row(self, sentence: Sentence) -> bool:
        """Whether the sentence is a cell of a table row marked complete."""
        lines = self.state.lines
        line = lines[sentence.line]
        for position in range(sentence.line, len(lines)):  # not a slice: a copy per sentence is quadratic
            other = lines[position]
            if other.start <= sentence.start < other.end + 1:
                line = other
                break
        if line.index not in self.completed_lines:  # a long line holds many sentences: read its cells once
            self.completed_lines[line.index] = any(cell.lower().startswith(_DONE) for cell in _cells(line.text))
        return self.completed_lines[line.index]

    def _marker_for_previous(self, sentence: Sentence, cue: Cue, first: int, last: int) -> bool:
        """"ACTION: Head of Service" on its own after a sentence: that sentence is the action."""
        if last - cue.token_end > 6 or sentence.index == 0 or cue.token_start > first:
            return False
        if any(t.lower_ == "to" for t in self.doc[cue.token_end : last]):
            return False
        previous = self.state.sentences[sentence.index - 1]
        p_first, p_last = sentence_tokens(self.state, previous)
        owner = " ".join(t.text for t in self.doc[cue.token_end : last] if not t.is_punct) or None
        if owner is None and self.doc[cue.token_end - 1].text == ":":
            return True  # "Action:" alone on its line heads what follows; it labels nothing before it
        existing = [a for a in self.state.actions if previous.start <= a.start < previous.end]
        if existing:
            existing[-1].owner = owner or existing[-1].owner
        elif p_last > p_first:
            self._add(p_first, self._trim_end(p_last), cue, previous, p_first, p_last, source=previous.role or "statement")
            if self.state.actions and self.state.actions[-1].start == self.doc[p_first].idx:
                self.state.actions[-1].owner = owner
        return True

    def _start_token(self, cue: Cue, first: int, sentence: Sentence | None = None) -> int:
        start = clause_start(self.doc, first, cue.token_start)
        paired = self.second_infinitive(cue, start)
        if paired is not None:
            return paired  # "undertook to write to the Department and to report back": two tasks
        if start == first + 1 and self.doc[first].lower_ == "that":
            return first  # "(b) That a Quad of Aims be produced": the part as written
        if start > first and self.doc[start - 1].lower_ == "that" and self.doc[start].lower_ in {"this", "it", "these", "they"}:
            return clause_start(self.doc, first, start - 1)  # "The Director agreed that this would be included": say who
        for position in range(start + 1, cue.token_start):
            if (self.doc[position].lower_ in _FUTURE and self.doc[position - 1].lower_ == "and" and sentence is not None
                    and position + 1 <= cue.token_start and self.doc[position + 1].lower_ != "be"
                    and any(t.lower_ in _FUTURE for t in self.doc[start : position - 1])
                    and any(start <= c.token_start < position - 1 for c in sentence.cues_labelled("ACTION"))):
                # "he would ask the Chief Constable ... and would write to Mrs Dunmore": a second task of its own
                # ("targets would be developed ... and would be included in the report", one thing's progress, is one)
                return position
        if start > first and self.doc[start - 1].lower_ == "that" and self.doc[start].lower_ in {"he", "she"} and clause_start(self.doc, first, start - 1) == first:
            return first  # "The Chair said that he would pass ...": say who (not "... and that he would")
        if start > first + 2 and self.doc[start - 1].lower_ == "that" and self.doc[start - 2].lower_ == "agreed" and self.doc[first].lower_ == "it":
            return first  # "It was agreed that Cllr Pimm would contact ...": the decision with its task
        if start > first + 1 and self.doc[start - 1].lower_ == "that" and _word_before(self.doc, start - 1).lower_ in _AGREEING:
            # "The Cabinet Member agreed that the list would be sent", "Members felt that the Panel should write":
            # who agreed to it or asked for it belongs with the task
            agreeing = _word_before(self.doc, start - 1).i
            subject_start = clause_start(self.doc, first, agreeing)
            if subject_start < agreeing:  # "AGREED that the work programme ...": no one named, the task as decided
                return subject_start
        if (start > first and self.doc[start - 1].lower_ == "that" and sentence is not None and sentence.role == "resolution"
                and _word_before(self.doc, start - 1).lower_ != "and" and any(t.lower_ in _RECOMMENDING for t in self.doc[first : start - 1])):
            # "(b) recommends to the Cabinet that the outcome be published": the part as resolved
            position = clause_start(self.doc, first, start - 1)
            while position < start - 1 and self.doc[position].is_space:
                position += 1
            return position
        if start > first and self.doc[start - 1].lower_ == "that" and self.subjunctive(cue, start):
            # "agreed that the Head of Education arrange a visit": keep the decision with its task
            return clause_start(self.doc, first, start - 1)
        return start

    def second_infinitive(self, cue: Cue, clause_first: int) -> int | None:
        """The "and" of "... to A and to B" when the cue is B's verb: a task of its own."""
        doc = self.doc
        position = cue.token_start - 1
        while position > clause_first and (doc[position].lower_ in _ADVERBS - {"be", "in", "future", "all"} or doc[position].is_space):
            position -= 1
        if position <= clause_first + 1 or doc[position].lower_ != "to":
            return None
        joiner = _word_before(doc, position)
        if joiner.lower_ != "and" or joiner.i <= clause_first:
            return None
        for i in range(clause_first, joiner.i):
            if doc[i].lower_ == "to" and doc[i + 1].is_alpha and doc[i + 1].is_lower and any(
                    t.lower_ in _COMMITTING for t in doc[max(clause_first, i - 8) : i]):
                return joiner.i
        return None

    def _needs_met(self, sentence: Sentence, cue: Cue, first: int, last: int):
        """Whether the cue's clause is a commitment: no negation near the cue, and its gate agrees."""
        doc = self.doc
        clause_first = clause_start(doc, first, cue.token_start)
        clause_last = clause_end(doc, cue.token_end, last)
        if any(doc[i].lower_ in _NEGATIONS for i in range(max(clause_first, cue.token_start - 3), cue.token_end + 1) if i < len(doc)):
            return False
        if self._standing_instruction(cue, clause_first):
            return False
        at = At(self, sentence, cue, first, last, clause_first, clause_last)
        return ACTION_GATES.passes(cue.rule.get("needs"), at)

    def works_forecast(self, cue: Cue, clause_first: int, clause_last: int) -> bool:
        """"the repairs would be completed by the end of October", "four charging points would be
        installed": when works will be done is a forecast; "an audit would be completed in January",
        "a letter would be delivered to every property" give the meeting something and are tasks."""
        doc = self.doc
        words = [t for t in doc[clause_first:clause_last] if not t.is_space]
        for position, token in enumerate(words[1:], 1):
            if token.lower_ not in _WORKS_VERBS or words[position - 1].lower_ != "be":
                continue
            if token.lower_ == "carried" and (position + 1 >= len(words) or words[position + 1].lower_ != "out"):
                continue
            subject = [t.lower_ for t in words[: position - 1] if t.lower_ not in MODALS]
            return not any(word in _DELIVERABLES for word in subject)
        return False

    def decided_passive(self, sentence: Sentence, cue: Cue, clause_last: int, needs_meeting: bool = False) -> bool:
        """"(c) that a report ... be submitted to the meeting on 30 May": a resolution's part needs no modal.

        Only follow-up verbs count, or giving something to a meeting; "be
        confirmed as a correct record" decides, it asks nothing more."""
        if self.doc[cue.token_start].lower_ != "be":
            return False
        if cue.token_start + 1 < len(self.doc) and self.doc[cue.token_start + 1].lower_ == "amended":
            return False  # "that the Constitution be amended to incorporate ...": the amendment is the decision
        if sentence.role != "resolution" and not self._decision_form(sentence, cue):
            return False
        return not needs_meeting or self.has_meeting(sentence, cue.token_end, clause_last)

    def _decision_form(self, sentence: Sentence, cue: Cue) -> bool:
        """"(2) That information on ... be explored for future inclusion in performance reports": a
        numbered decision written without a RESOLVED over it, its verb a bare "be" after its subject."""
        doc = self.doc
        first, _ = sentence_tokens(self.state, sentence)
        if sentence.role == "question":
            return False
        before = _word_before(doc, cue.token_start)
        if before.i <= first + 1 or before.lower_ in MODALS | _ADVERBS | {"was", "were", "is", "are", "been", "being", "that"}:
            return False
        if doc[first].text == "That":
            return True
        # "it was agreed that an update on West Park be provided": a bare "be" after a decision's "that"
        clause_first = clause_start(doc, first, cue.token_start)
        if clause_first <= first or doc[clause_first - 1].lower_ != "that":
            return False
        reach = first if _word_before(doc, clause_first - 1).lower_ == "and" else max(first, clause_first - 6)
        # "Agreed that the minutes be confirmed ... and that a press release be published": the first "that"'s verb governs
        governing = {t.lower_ for t in doc[reach : clause_first - 1]}
        return bool(governing & _DECIDING_VERBS)

    def is_modal(self, position: int, infinitive: bool) -> bool:
        """A modal, "be", or (if allowed) "to" before a verb ("to message officers")."""
        word = self.doc[position].lower_
        if word in MODALS - {"to"} or word == "be":
            return True
        if word == "to" and infinitive and position + 1 < len(self.doc):
            following = _word_after(self.doc, position + 1)
            return (following.is_alpha and following.is_lower and following.lower_ not in NOT_TASKS | {"its", "this", "that"}
                    and following.lower_ not in _PEOPLE_AFTER_TO)  # "circulated to members": to whom, not a task
        return False

    def modal_before(self, token: int, floor: int, infinitive: bool = True) -> bool:
        """"would (also) be ...", "to be ...", but not "was to be ..." (a plan reported)."""
        position = token - 1
        # a hard wrap ("would\ncirculate") leaves a white-space token between the words
        while position >= floor and (self.doc[position].lower_ in _ADVERBS - {"be"} or self.doc[position].is_space
                                     or self.doc[position].lower_ in {"re", "-"} and position + 1 < len(self.doc)
                                     and self.doc[position + 1].text in {"-", self.doc[token].text}):
            position -= 1  # "will re-circulate": the prefix is part of the verb
        if position < floor:
            return False
        word = self.doc[position].lower_
        if word == "be" and self.doc[token].lower_.endswith("ing") and position - 1 >= floor:
            return self.doc[position - 1].lower_ in MODALS - {"to"}  # "he would be reporting back": the future in progress
        if word == "and" and position - 2 >= floor and self.doc[position - 1].is_lower and self.doc[position - 1].is_alpha \
                and self.doc[position - 2].lower_ in MODALS - {"to"}:
            return True  # "Councillors will consider and return to the next meeting": the modal carries over the "and"
        if word == "to":
            if not infinitive:
                return False
            before = _word_before(self.doc, position).lower_ if position > floor else ""
            return before not in {"was", "were", "is", "are", "due", "going", "have", "has", "had", "need", "needs", "needed", "able", "likely",
                                  "expected", "continue", "continued", "continues", "continuing", "required", "obliged"}
        return word in MODALS

    def named_to(self, cue: Cue, clause_first: int) -> bool:
        """"Clerk to write to ...", "Officers to circulate ...": a short named subject then "to"."""
        position = _word_before(self.doc, cue.token_start).i
        if position < clause_first or self.doc[position].lower_ != "to":
            return False
        subject = [t for t in self.doc[clause_first:position] if not t.is_punct and not t.is_space]
        if subject and subject[0].lower_ == "action":
            subject = subject[1:]
        if not subject or len(subject) > 6:
            return False
        # A name or a role ("Clerk", "Cllr Smith", "the Head of Planning"), not a clause.
        return all(t.text[:1].isupper() or t.lower_ in _NAME_JOINERS for t in subject)

    def has_info(self, sentence: Sentence, first: int, last: int, cue: Cue) -> bool:
        """Something to give (figures, a report), someone to give it to, or a deadline."""
        for other in sentence.cues:
            if not first <= other.token_start < last:
                continue
            if other.label in {"INFO", "DUE"} or "info" in other.rule.get("serves", ()):
                return True
            if other.label in {"HONORIFIC", "ROLE", "GROUP"} and other.token_start > 0 and (
                    _word_before(self.doc, other.token_start).lower_ in {"to", "with"} or other.token_start == cue.token_end):
                return True  # "... to the Committee", "provide Councillor X with ..."
        return False

    def has_meeting(self, sentence: Sentence, first: int, last: int) -> bool:
        """A meeting, visit or session in the clause (for "be considered at the next meeting")."""
        return any(
            first <= c.token_start < last and ("meeting" in c.rule.get("serves", ()) or c.label == "EVENT")
            for c in sentence.cues
        )

    def has_event_subject(self, sentence: Sentence, clause_first: int, cue: Cue) -> bool:
        """"a separate drop-in session would be held": the event is the subject."""
        return any(c.label == "EVENT" and c.rule.id == "ag.event" and clause_first <= c.token_start < cue.token_start
                   and self.doc[c.token_start].lower_ not in {"meeting", "meetings"} for c in sentence.cues)

    def owed(self, sentence: Sentence, first: int, last: int, cue: Cue) -> bool:
        """Something to give (a report, figures), a meeting to bring it to, or someone to give it to."""
        for other in sentence.cues:
            if not first <= other.token_start < last or other is cue:
                continue
            if other.label == "INFO" or "owed" in other.rule.get("serves", ()):
                return True
            if other.label in {"HONORIFIC", "ROLE", "GROUP"} and other.token_start > 0 and self.doc[other.token_start - 1].lower_ in {"to", "with"}:
                return True
        return False

    def named_subject(self, sentence: Sentence, clause_first: int, cue: Cue) -> bool:
        """"The Lead Local Flood Officer would report ...": a named officer commits."""
        return any(c.label in {"HONORIFIC", "ROLE"} and clause_first <= c.token_start < cue.token_start for c in sentence.cues)

    def subjunctive(self, cue: Cue, clause_first: int, sentence: Sentence | None = None) -> bool:
        """"agreed that the Head of Education arrange a visit", "(2) the Director of Finance write to ...":
        a bare verb after a decision's "that", or opening a resolution's part."""
        doc = self.doc
        opens_part = sentence is not None and sentence.role == "resolution" and clause_first == sentence_tokens(self.state, sentence)[0]
        if not opens_part:
            if clause_first == 0 or doc[clause_first - 1].lower_ != "that":
                return False
            governor = {t.lower_ for t in doc[max(clause_first - 12, 0) : clause_first - 1]}
            if _word_before(doc, clause_first - 1).lower_ == "and" and sentence is not None:
                # "asked that ..., and that B arrange ...": the verb that governs the first "that" governs this one
                reach = doc[sentence_tokens(self.state, sentence)[0] : clause_first - 1]
                governor = {t.lower_ for t in reach if t.is_alpha and t.lower_ != "that"}
            if not governor & _DECIDING_WORDS and not (sentence is not None and sentence.role == "resolution"):
                return False
        subject = doc[clause_first : cue.token_start]
        after = doc[cue.token_end].lower_ if cue.token_end < len(doc) else ""
        if _word_before(doc, cue.token_start).lower_ in _DETERMINERS or after in {"be", "was", "were", "is", "are", "has", "had", "of"}:
            return False
        if any(t.lower_ in {"a", "an"} for t in doc[max(clause_first, cue.token_start - 3) : cue.token_start]):
            return False  # "The suggestion of a quarterly summary report ...": a noun after its article
        if any(t.lower_ in {"be", "was", "were", "is", "are"} for t in doc[cue.token_end : cue.token_end + 2]):
            return False  # "the internal audit progress report be noted": a noun in the subject of a passive
        if doc[cue.token_start].is_title and doc[cue.token_start - 1].is_title:
            return False  # "That the Treasury Management Mid-Year Review be noted": a title's noun, not a verb
        if any(t.lower_ in _DECIDED or (t.is_lower and t.lower_.endswith("ed") and len(t) > 4) for t in subject):
            return False  # "The Committee NOTED the progress report", "The Chair referred Members present ...": a verb came already
        return 0 < len(subject) <= 14 and not any(t.lower_ in MODALS | {"was", "were", "is", "are", "had", "has"} for t in subject)

    def person_then_to(self, cue: Cue, last: int) -> str | None:
        """"asked the Cabinet Member to ensure": who was asked, if someone was asked to do something."""
        doc = self.doc
        for position in range(cue.token_end, min(cue.token_end + 12, last)):
            if doc[position].lower_ == "to" and position > cue.token_end:
                following = _word_after(doc, position + 1) if position + 1 < last else None
                if following is None or not following.is_alpha or following.lower_ in NOT_TASKS | _AT_THE_MEETING:
                    return None  # "welcomed Ms X ... and invited her to present the report": her turn now, no task
                between = [t for t in doc[cue.token_end:position] if not t.is_space]
                if not between or not any(t.text[:1].isupper() or t.lower_ in {"officers", "members", "him", "her", "them"} for t in between):
                    return None
                words = [t.text for t in between]
                if words and words[0].lower() == "the":
                    words = words[1:]
                return " ".join(words) or None
            if doc[position].text in {".", ";", ","} or doc[position].lower_ in _NOT_ASKED_TO:
                return None
        return None

    # -- the record ----------------------------------------------------
    def _add(self, start: int, end: int, cue: Cue, sentence: Sentence, first: int, last: int, source: str,
             others: list[Cue] = ()) -> None:
        doc, state = self.doc, self.state
        char_start = doc[start].idx
        char_end = doc[end - 1].idx + len(doc[end - 1])
        if char_end <= char_start:
            return  # a label with no task after it ("(a) . ACTION –"): nothing to record
        if any(a.start <= char_start < a.end or char_start <= a.start < char_end for a in state.actions):
            return
        task = min([c.start for c in (cue, *others) if c.end > 0 and c.start >= char_start] or [char_start])
        due, due_date = self._due(sentence, char_start, char_end, task)
        if source == "question" and any(r.start <= char_start < r.end for r in state.responses):
            source = "response"  # "X asked ..., to which the Director replied that a report would ..."
        owner = _owner_named(self._owner(cue, sentence, start, first, last))
        for other in others:
            # "The statement requested that Officers meet with ...": the request names nobody; its task does
            if owner is not None:
                break
            if other.rule.get("owner") in {"subject", "subject_or_speaker", "by_agent"} and other.token_start >= start:
                owner = _owner_named(self._owner(other, sentence, start, first, last))
                if owner is not None and not any(c.label in {"HONORIFIC", "ROLE", "GROUP"} and self.state.text[c.start : c.end].lower().removeprefix("the ") in owner.lower()
                                                 for c in sentence.cues):
                    owner = None  # "asked that the Section 106 agreement include ...": a thing, not who is to do it
        if owner is None and doc[start].lower_ == "and" and doc[start + 1].lower_ == "to":
            # "... undertook to write to X and to report back": the second task has the first one's owner
            owner = next((a.owner for a in reversed(state.actions) if sentence.start <= a.start < char_start), None)
        state.actions.append(
            Action(
                item=state.item_at(char_start),
                text=state.text[char_start:char_end],
                kind=self._kind(sentence, char_start, char_end),
                owner=owner,
                due=due,
                due_date=due_date,
                start=char_start,
                end=char_end,
                rule=cue.rule.id,
                source=source,
            )
        )

    def _kind(self, sentence: Sentence, start: int, end: int) -> str:
        kinds = {c.rule.get("kind") for c in sentence.cues_labelled("ACTION_KIND") if start <= c.start < end}
        for kind in _KIND_ORDER:
            if kind.value in kinds:
                return kind.value
        return ActionKind.OTHER.value

    def _due(self, sentence: Sentence, start: int, end: int, task: int | None = None) -> tuple[str | None, str | None]:
        cues = [c for c in sentence.cues_labelled("DUE") if start <= c.start < end]
        text = self.state.text
        if task is not None:
            # "Following the meeting with practitioners on 28 September, the Committee agreed to ask ...",
            # "since the Roads Service had planned to attend the December meeting X should be invited to the
            # January meeting": when the task is due comes after the task, not in what led up to it
            cues = [c for c in cues if c.start >= task or not _BECAUSE.search(text[start : c.start])]
        if not cues:
            return None, None
        cue = min(cues, key=lambda c: (c.start, -c.end))
        a, b = due_phrase(self.state.text, cue.start, end, cue.end)
        words = self.state.text[a:b].strip(" ,")
        resolved = resolve_due(words, self.meeting_date)
        return words or None, resolved.isoformat() if resolved else None

    def _owner(self, cue: Cue, sentence: Sentence, start: int, first: int, last: int) -> str | None:
        doc = self.doc
        reading = cue.rule.get("owner")
        if reading == "asked":
            return self.person_then_to(cue, last)
        if reading == "label":
            words = []
            for token in doc[cue.token_end : min(cue.token_end + 8, last)]:
                if token.lower_ in {"to", "–", "-", ":", ",", "."}:
                    break
                words.append(token.text)
            if words and words[0][:1].isupper():
                return " ".join(words)
            return None
        if reading == "by_agent":
            # "the score would be reviewed by the Corporate Risk Group": whoever it is done by; what is done is no owner
            clause_last = clause_end(doc, cue.token_end, last)
            for position in range(cue.token_end, min(clause_last, cue.token_end + 6)):
                if doc[position].lower_ == "by":
                    words = []
                    for token in doc[position + 1 : min(position + 10, clause_last)]:
                        if token.is_punct or not (token.text[:1].isupper() or token.lower_ in _OWNER_JOINERS):
                            break
                        words.append(token.text)
                    return " ".join(words) or None
            return None
        if reading in {"subject", "subject_or_speaker", "passive_subject"}:
            verb = cue.token_start
            while verb > start and doc[verb - 1].lower_ in MODALS | _ADVERBS | {"be", "was", "were", "is", "are", "re", "-"}:
                verb -= 1
            if reading == "passive_subject" and doc[cue.token_start].lower_ in {"be", "was", "were", "is", "are"}:
                verb = cue.token_start  # "Officers were requested to ...": who was asked
            elif reading == "passive_subject":
                return None
            subject = subject_before(doc, start, verb) if verb > start else None
            if subject and subject.lower().startswith("that "):
                subject = subject[5:]
            if subject:
                # "Inspector Hurst did not have the figures to hand and would send ...": the owner is who, not what they did
                words = subject.split()
                cut = next((i for i, w in enumerate(words) if w.lower() in _VERBS_IN_SUBJECT), len(words))
                subject = " ".join(words[:cut]) or None
            if subject and (is_pronoun(subject.split()[0]) or not self._looks_like_owner(subject)):
                subject = None
            before_verb = _word_before(doc, verb).lower_ if verb > first else ""
            if subject is None and before_verb in {"he", "she", "they"}:
                return self._sentence_speaker(sentence, first, verb) or self._previous_speaker(sentence)
            if subject is None and before_verb == "it" and verb - 2 > first and doc[verb - 2].lower_ == "that":
                # "The Committee noted that it would be discussing the work programme": the body that said so
                said = _word_before(doc, verb - 2)
                if said.lower_ in _SAYING:
                    return subject_before(doc, first, said.i)
            if subject is None and reading == "subject_or_speaker" and (verb == start or before_verb == "and"):
                # "The Director said that no approach had been made and undertook to write ...": the speaker undertook it
                return self._sentence_speaker(sentence, first, verb)
            return subject
        return None

    def _looks_like_owner(self, subject: str) -> bool:
        words = subject.split()
        return len(words) <= 14 and (words[0][:1].isupper() or words[0].lower() in {"officers", "members", "the"} | _LOWER_CASE_POSTS)

    def _previous_speaker(self, sentence: Sentence) -> str | None:
        """"The Commissioner said that ... . She undertook to share ...": who answered just before, in the paragraph."""
        for response in reversed(self.state.responses):
            holder = self.state.sentence_at(response.start)
            if response.start < sentence.start and holder is not None and holder.paragraph == sentence.paragraph:
                return response.responder
            if response.start < sentence.start:
                break
        return None

    def _sentence_speaker(self, sentence: Sentence, first: int, before: int) -> str | None:
        for cue in sentence.cues_labelled("RESPONSE"):
            if cue.rule.get("strength") == "speaker" and cue.token_start < before:
                # a speaker with a long title is longer than a subject is read: the answer's responder then
                return subject_before(self.doc, first, cue.token_start) or next(
                    (r.responder for r in self.state.responses if sentence.start <= r.start < sentence.end and r.responder), None)
        return None

    # -- listed tasks ----------------------------------------------------
    def _listed_actions(self) -> None:
        """"The following actions were agreed:" and, under it, "- To replace the broken stile": each
        "To <verb>" line the lead-in introduces is a task (an agenda's "To approve the minutes" is not)."""
        state = self.state
        lead = False
        for sentence in state.sentences:
            text = state.text[sentence.start : sentence.end].strip()
            if state.skipped(sentence.start):
                lead = False
                continue
            match = _LISTED_TASK.match(text)
            if lead and match and match["verb"].lower() not in _LISTEDNOT_TASKS:
                first, last = sentence_tokens(state, sentence)
                self._add(first, self._trim_end(last), self.listed_cue, sentence, first, last, source=sentence.role or "statement")
                continue
            lead = text.endswith((":", ":-")) and bool(_LIST_LEAD_IN.search(text))

    # -- shorthand: "Clerk to write to ...", "– TD & AV to inspect" ----------
    def _named_to_actions(self) -> None:
        """Minutes written in shorthand name who does what at a clause's start: "Clerk to speak to the
        PCSO", "ES to inform the applicant", "... is in a poor state – TD & AV to inspect", "and CP to
        send a poster". Whatever the verb, a person, post, body or initials then "to" and a verb is a
        task; "X to action" after a task names its owner. Which words open such a clause, which verbs
        make no task and which only name an owner are the rule's data (``a.named_to``)."""
        state, doc, rule = self.state, self.doc, self.named_cue.rule
        after = set(rule.get("after", ()))
        not_verbs = set(rule.get("not_verbs", ()))
        owner_verbs = set(rule.get("owner_verbs", ()))
        to_id = doc.vocab.strings["to"]
        # one pass over the document, in spaCy's arrays rather than Token objects; most sentences hold no "to"
        tos = [int(i) for i in (doc.to_array("LOWER") == to_id).nonzero()[0]] if len(doc) else []
        at = 0
        for sentence in state.sentences:
            while at < len(tos) and doc[tos[at]].idx < sentence.start:
                at += 1
            if at == len(tos):
                break
            if doc[tos[at]].idx >= sentence.end or state.skipped(sentence.start) or sentence.role == "heading":
                continue
            first, last = sentence_tokens(state, sentence)
            for i in tos[at:]:
                if i >= last - 1:
                    break
                if i < first + 1:
                    continue
                verb = _word_after(doc, i + 1)
                if verb.i >= last or not verb.is_alpha or not verb.text.islower() or verb.lower_ in not_verbs:
                    continue
                opening = i - 1
                while opening > max(first, i - 8) and doc[opening - 1].lower_ not in after:
                    opening -= 1
                if opening > first and doc[opening - 1].lower_ not in after:
                    continue  # no clause opens within a name's length before the "to"
                if opening > first + 1 and (doc[opening - 1].is_alpha or doc[opening - 1].text == ",") \
                        and _word_before(doc, opening - 1).text[:1].isupper():
                    continue  # "the Cabinet Member for Economy and Council Transformation to ...", "Resource, Commissioning
                    # & Governance portfolio to ...": one title's or one list's words, no clause of its own
                while opening < i and doc[opening].is_space:
                    opening += 1
                words = [t.text for t in doc[opening:i] if not t.is_space]
                owner = shorthand_owner(words)
                if owner is None:
                    continue
                if verb.lower_ in owner_verbs:
                    self._owner_for_before(sentence, first, opening, owner)
                    continue
                if verb.lower_ in PRESENTING and not any(
                        not (t.is_punct or t.is_space) for t in doc[verb.i + 1 : last]):
                    continue  # "Chair to report": who presents the item, not a task
                if verb.lower_ in PRESENTS_NOW and not any(
                        c.label == "DUE" and c.token_start > verb.i for c in sentence.cues):
                    continue  # "Head of Finance to present the budget report": the agenda's who-presents, unless it is owed later
                start = opening
                if opening > first and doc[opening - 1].text in {"–", "-", "—"} and not any(
                        a for a in state.actions if sentence.start <= a.start < doc[opening].idx):
                    start = first  # "Millennium Wood is in a poor state – TD & AV to inspect": the matter and its task
                self._named_task(sentence, start, i, last, owner, first)

    def _named_task(self, sentence: Sentence, start: int, to: int, last: int, owner: str, first: int) -> None:
        """The task from ``start``; "... and to put the report on the website" is a second one, the same owner's."""
        doc = self.doc
        end = self._trim_end(last)
        pieces = [start]
        for j in range(to + 2, end - 2):
            if doc[j].lower_ == "and" and doc[j + 1].lower_ == "to" and doc[j + 2].is_alpha and doc[j + 2].text.islower() \
                    and doc[j + 2].lower_ not in NOT_TASKS | {"be"}:
                pieces.append(j + 1)
        for position, piece in enumerate(pieces):
            stop = pieces[position + 1] - 1 if position + 1 < len(pieces) else end
            # stop before a trailing "– Clerk to action" only if it holds nothing else
            count = len(self.state.actions)
            self._add(piece, stop, self.named_cue, sentence, first, last, source=sentence.role or "statement")
            if len(self.state.actions) > count:
                self.state.actions[-1].owner = owner

    def _owner_for_before(self, sentence: Sentence, first: int, opening: int, owner: str) -> None:
        """"Clerk to action" after a task (in its sentence, or alone after it): the task's owner."""
        state, doc = self.state, self.doc
        target = sentence
        if opening == first and sentence.index > 0:
            target = state.sentences[sentence.index - 1]
            upto = sentence.start
        else:
            upto = doc[opening].idx
        found = [a for a in state.actions if target.start <= a.start < upto]
        if found:
            if found[-1].owner is None or person_or_none(found[-1].owner) is None:
                found[-1].owner = owner
            return
        if target is sentence and opening > first:
            # "The hedge is overgrown – Clerk to action": the matter before the label is the task
            end = opening
            while end > first and (doc[end - 1].is_punct or doc[end - 1].is_space):
                end -= 1
            if end - first >= 3:
                count = len(state.actions)
                self._add(first, end, self.named_cue, sentence, first, end, source=sentence.role or "statement")
                if len(state.actions) > count:
                    state.actions[-1].owner = owner

    # -- action logs -----------------------------------------------------
    def _action_log_rows(self) -> None:
        """Each open row of a flattened action table ("Ref | Action | Owner | Due | Status") is an action."""
        state = self.state
        columns = None
        for line in state.lines:
            cells = _cells(line.text)
            if len(cells) < 2:
                columns = None
                continue
            if columns is None:
                columns = _action_columns(cells)
                continue
            if all(set(c) <= set("-: ") for c in cells):
                continue  # the |---|---| rule under a header
            action = cells[columns["action"]] if columns["action"] < len(cells) else ""
            status = cells[columns["status"]].lower() if "status" in columns and columns["status"] < len(cells) else ""
            if action.strip(" –-").lower() in {"", "none", "n/a", "no action"} or status.startswith(_DONE):
                continue
            owner_cell = cells[columns["owner"]].strip(" –-") if "owner" in columns and columns["owner"] < len(cells) else ""
            if action.strip()[:1].islower() and not owner_cell:
                continue  # "answering times by month | | 9 December": a cell wrapped onto the next line, not a row
            if any(cell.lower().startswith(_DONE) for cell in cells):
                continue
            start = line.start + len(line.text) - len(line.text.lstrip("| \t"))
            end = line.start + len(line.text.rstrip("| \t"))
            if state.skipped(start):
                continue
            owner = cells[columns["owner"]].strip(" –-") if "owner" in columns and columns["owner"] < len(cells) else ""
            due = cells[columns["due"]].strip(" –-") if "due" in columns and columns["due"] < len(cells) else ""
            resolved = resolve_due(due, self.meeting_date) if due else None
            sentence = state.sentence_at(start) or state.sentence_at(start + 1)
            kind = self._kind(sentence, start, end) if sentence else ActionKind.OTHER.value
            state.actions.append(
                Action(item=state.item_at(start), text=state.text[start:end], kind=kind, owner=owner or None,
                       due=due or None, due_date=resolved.isoformat() if resolved else None,
                       start=start, end=end, rule=self.log_rule, source="action log")
            )

    # -- resolutions ---------------------------------------------------
    def _resolution_actions(self) -> None:
        state = self.state
        for part in state.resolution_parts:
            resolution = state.resolutions[part.resolution]
            sentence = state.sentence_at(part.start)
            if sentence is None:
                continue
            first, last = sentence_tokens(state, sentence)
            asks = [c for c in sentence.cues_labelled("RESOLUTION_KIND")
                    if (c.rule.get("kind") == "requested" and not self._amends(c))
                    or (c.rule.get("kind") == "recommended" and self.doc[c.token_start].lower_ in _FORWARDING)]
            agreed_to = self._agreed_to(sentence, first, last)
            if agreed_to is not None:
                self._add(agreed_to, self._trim_end(last), self.resolution_cue, sentence, first, last, source="resolution")
            elif asks and resolution.kind in {"requested", "recommended"}:
                self._add(first, self._trim_end(last), self.resolution_cue, sentence, first, last, source="resolution")

    def _amends(self, cue: Cue) -> bool:
        """"that the minutes be amended to include this item": the amendment is the decision itself."""
        return any(t.lower_ == "amended" for t in self.doc[cue.token_start : cue.token_end + 1])

    def _agreed_to(self, sentence: Sentence, first: int, last: int) -> int | None:
        """"The Committee agreed to form a Task and Finish group": where the task starts."""
        doc = self.doc
        for position in range(first, min(last - 2, first + 8)):
            if doc[position].lower_ == "agreed" and doc[position + 1].lower_ == "to":
                task = doc[position + 2]
                if task.is_alpha and task.lower_ not in _DO_NOT_AGREE:
                    return position + 2
        return None

    def _trim_end(self, last: int) -> int:
        while last > 0 and (self.doc[last - 1].is_punct or self.doc[last - 1].is_space):
            last -= 1
        return last


# Lower-case words that can open an owner: "officers would circulate ...", "clerk to write ...".
_LOWER_CASE_POSTS = {"officers", "officer", "members", "councillors", "staff", "clerk", "chair", "chairman", "council", "committee"}


def _owner_named(text: str | None) -> str | None:
    """The person, post or body an owner's words name (``nlp.names.person_or_none``), as owners are
    written: "Assistant Town Clerk", not "the Assistant Town Clerk"."""
    owner = person_or_none(text)
    if owner and owner.split()[0] in {"the", "The"} and len(owner.split()) > 1:
        owner = owner.split(" ", 1)[1]
    return owner


def shorthand_owner(words: list[str]) -> str | None:
    """Who opens a shorthand task ("Clerk", "the Chair", "Cllr Smith", "Members", "CP", "TD & AV"), or None.
    Here the opener makes the record, so ``nlp.names.person_or_none`` must take the words whole."""
    if not words or len(words) > 6:
        return None
    text = " ".join(words).strip(" ,")
    found = person_or_none(text)
    return found if found is not None and found == text else None


_BECAUSE = re.compile(r"\b(?:since|as|because|following|after)\b", re.I)
_LISTED_TASK = re.compile(r"^(?:[-–•·*]\s*)?To (?P<verb>[a-z][a-z-]+)\b")
_LIST_LEAD_IN = re.compile(r"\b(?:actions?|tasks?|agreed|resolved|decided)\b", re.I)
_LISTEDNOT_TASKS = {"approve", "consider", "receive", "note", "agree", "discuss", "elect", "appoint", "accept", "adopt", "be", "resolve"}

_DONE = ("complete", "completed", "done", "closed", "discharged", "implemented")
_ACTION_HEADERS = {"action", "actions", "agreed action", "action required", "action agreed", "recommendation", "recommendations", "task"}
_COLUMN_NAMES = {
    "owner": {"owner", "lead", "lead officer", "responsible", "responsible officer", "officer", "by whom", "who"},
    "due": {"due", "due date", "date", "deadline", "target date", "by when", "when", "timescale", "target"},
    "status": {"status", "progress", "update"},
}


def _cells(text: str) -> list[str]:
    """A line's cells when it is a row of a table flattened with "|" or tabs."""
    if "|" in text:
        cells = [c.strip() for c in text.strip().strip("|").split("|")]
    elif "\t" in text:
        cells = [c.strip() for c in text.split("\t") if c.strip()]
    else:
        return []
    return cells if len(cells) >= 2 else []


def _action_columns(cells: list[str]) -> dict[str, int] | None:
    """Column positions when ``cells`` is the header of an action table, else None."""
    names = [c.lower().strip(" *:") for c in cells]
    action = next((i for i, n in enumerate(names) if n in _ACTION_HEADERS), None)
    if action is None:
        return None
    columns = {"action": action}
    for key, options in _COLUMN_NAMES.items():
        found = next((i for i, n in enumerate(names) if n in options), None)
        if found is not None:
            columns[key] = found
    return columns if len(columns) > 1 else None


@Language.factory(
    "minutes_actions",
    assigns=["doc._.minutes", "doc.spans"],
    requires=["doc._.minutes"],
)
def make_actions(nlp: Language, name: str):
    """Follow-up commitments: kind, owner, due words and date."""
    return ActionFinder(load_rules())
