"""Debrief (Ctrl+5): log an interview, list mistakes, triage, Rehearse this, record and rate a
take, and watch the thank-you note follow; bad input says so and saves nothing."""

from __future__ import annotations

import datetime as dt
from urllib.parse import parse_qs, urlsplit

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QTreeWidgetItemIterator

from taketwo.domain import Interview, Mistake, MistakeKind
from taketwo.ui.library.view import ID, KIND, Col
from taketwo.ui.rehearse.recorder_controller import RecState
from taketwo.ui.shell.main_window import MainWindow
from tests.support.ui_fixtures import assert_controls_are_named

CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def window(qtbot, library, settings, runner):
    w = MainWindow(library, settings, runner)
    qtbot.addWidget(w)
    w.show()
    yield w
    w.controller.close_devices()


def type_into(qtbot, widget, text):
    """Type as a person would; QTest has no key for a newline, so lines end with Return."""
    widget.setFocus()
    lines = text.split("\n")
    for n, line in enumerate(lines):
        if line:
            qtbot.keyClicks(widget, line)
        if n < len(lines) - 1:
            qtbot.keyClick(widget, Qt.Key.Key_Return)


def record(qtbot, window):
    rehearse = window.rehearse
    qtbot.keyClick(rehearse, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: window.controller.state is RecState.RECORDING, timeout=5000)
    qtbot.wait(1100)
    with qtbot.waitSignal(rehearse.take_saved, timeout=15000) as saved:
        qtbot.keyClick(rehearse, Qt.Key.Key_Space)
    return saved.args[0]


def add_mistake(qtbot, panel, asked, said, meant, kind):
    panel.add_button.click()
    type_into(qtbot, panel.asked, asked)
    type_into(qtbot, panel.said, said)
    type_into(qtbot, panel.meant, meant)
    panel.kind.setCurrentIndex(panel.kind.findData(kind.value))
    panel.kind.activated.emit(panel.kind.currentIndex())
    panel.flush()


def test_log_triage_rehearse_record_rate_and_the_note_follows(qtbot, window, library):
    qtbot.keyClick(window, Qt.Key.Key_5, CTRL)
    debrief = window.debrief
    assert window.stack.currentWidget() is debrief
    form, panel, note = debrief.form, debrief.mistakes, debrief.note

    # 1. Log the interview, saved as you type.
    today = dt.date.today()
    type_into(qtbot, form.company, "Acme")
    type_into(qtbot, form.role, "SRE")
    type_into(qtbot, form.date, today.isoformat())
    type_into(qtbot, form.time, "00:01")
    type_into(qtbot, form.people, "Ana Ruiz <ana@acme.example>\nBen")
    type_into(qtbot, form.notes, "- their on-call rota\n")
    qtbot.waitUntil(
        lambda: (
            bool(library.list_interviews())
            and library.list_interviews()[0].notes == "- their on-call rota\n"
        ),
        timeout=3000,
    )
    [interview] = library.list_interviews()
    assert (interview.company, interview.role, interview.date) == ("Acme", "SRE", today)
    assert interview.interviewers == ["Ana Ruiz <ana@acme.example>", "Ben"]

    # 2. Two mistakes: an answer that left something out, and lateness.
    add_mistake(
        qtbot,
        panel,
        "Tell me about an outage",
        "I never said what I changed",
        "impact first\nalerts on queue depth",
        MistakeKind.OMISSION,
    )
    add_mistake(qtbot, panel, "", "Arrived 15 minutes late", "", MistakeKind.LATE)
    outage, late = library.list_mistakes(interview.id)
    assert outage.meant == "impact first\nalerts on queue depth"
    assert panel.list.count() == 2

    # 3. Triage both as do-or-die; the note gains a paragraph and the apology line.
    assert "clarify and expand" not in note.body.toPlainText()
    panel.list.setCurrentRow(0)
    panel.triage_yes.click()
    panel.list.setCurrentRow(1)
    panel.triage_yes.click()
    assert "apology" in panel.action.text()
    assert library.get_mistake(late.id).do_or_die
    text = note.body.toPlainText()
    assert text.startswith("Dear Ana Ruiz and Ben,")
    assert "“Tell me about an outage”, and I would like to clarify and expand" in text
    assert "sorry again for arriving late" in text
    assert "Due in" in note.due.text()

    # 4. Rehearse this: the practice question opens in Rehearse.
    panel.list.setCurrentRow(0)
    panel.steps[next(iter(panel.steps))].click()  # face it
    assert library.get_mistake(outage.id).faced_on == today
    panel.rehearse_button.click()
    assert window.stack.currentWidget() is window.rehearse
    question = window.rehearse.question
    assert question.prompt == "Tell me about an outage"
    assert question.key_points == ["impact first", "alerts on queue depth"]

    # 5. Record a take with the demo devices, rate it and note it.
    window.use_devices("demo", "demo")
    qtbot.waitUntil(lambda: window.controller.state is RecState.PREVIEW, timeout=10000)
    take_id = record(qtbot, window)
    qtbot.keyClick(window.rehearse, Qt.Key.Key_4)
    qtbot.keyClick(window.rehearse, Qt.Key.Key_N)
    qtbot.keyClicks(window.rehearse.rating.note, "the 40-minute outage cost 2,000 orders")
    qtbot.keyClick(window.rehearse.rating.note, Qt.Key.Key_Return)
    assert library.get_take(take_id).comfort == 4

    # 6. Back in Debrief, the mistake names its question and takes; the note keeps the take's
    # notes and "How it went" to itself, and mentions what was talked about instead.
    qtbot.keyClick(window, Qt.Key.Key_5, CTRL)
    assert window.stack.currentWidget() is debrief
    assert panel.practice.text() == ("practising · “Tell me about an outage” — 1 take, comfort 4/5")
    text = note.body.toPlainText()
    assert "40-minute" not in text
    assert "on-call" not in text
    assert "I would add: impact first and alerts on queue depth." in text
    assert "¶4 What was asked, Key points of its question" in note.sources.text()
    assert "Not signed yet" in note.state.text()
    note.your_name.setText("Sam Lee")
    note.sign_button.click()
    assert note.body.toPlainText().endswith("Best regards,\nSam Lee\n")
    assert not note.sign_row.isVisible()
    for part in (debrief.form, debrief.mistakes, debrief.note, debrief.checklist):
        assert_controls_are_named(part)  # the tab bar's own scroll arrows aside


def test_once_edited_the_note_is_kept_and_it_can_be_sent(qtbot, window, library, tmp_path):
    i = library.add_interview(Interview(company="Acme", date=dt.date.today(), interviewers=["Ben"]))
    m = library.add_mistake(Mistake(asked="Why us?", interview_id=i.id))
    window.debrief_interview(i.id)
    note = window.debrief.note
    assert "no e-mail for Ben" in note.to.text()  # an interviewer with no e-mail: said plainly
    note.body.moveCursor(note.body.textCursor().MoveOperation.End)
    qtbot.keyClicks(note.body, "PS: see you soon")
    note.flush()
    assert library.note_state(i.id).edited
    library.triage_mistake(m.id, True, dt.date.today())
    window.debrief.refresh()
    assert "clarify" not in note.body.toPlainText()  # the user's text is kept
    assert note.body.toPlainText().endswith("PS: see you soon")

    note.copy_button.click()
    assert QGuiApplication.clipboard().text() == note.body.toPlainText()
    note.ask_path = lambda suggested: str(tmp_path / "note.txt")
    note.save_button.click()
    assert (tmp_path / "note.txt").read_text("utf-8").endswith("PS: see you soon\n")
    opened = []
    note.open_url = opened.append
    note.mail_button.click()
    body = parse_qs(urlsplit(opened[0]).query)["body"][0]
    assert body.replace("\r\n", "\n") == note.body.toPlainText()
    assert "No interviewer has an e-mail address" in window.debrief.message.text()
    note.sent_button.click()
    assert library.note_state(i.id).sent_on == dt.date.today()
    assert note.due.text().startswith("Sent on")
    assert note.state.text().startswith("Sent on")  # not a stale "Draft: it follows…"

    note.reset_button.click()
    assert "clarify" in note.body.toPlainText()


def test_bad_input_says_so_and_saves_nothing(qtbot, window, library):
    i = library.add_interview(Interview(company="Acme"))
    window.debrief_interview(i.id)
    form = window.debrief.form
    type_into(qtbot, form.date, "next tuesday")
    form.flush()
    assert "a date is written YYYY-MM-DD" in window.debrief.message.text()
    form.date.clear()
    type_into(qtbot, form.people, "Ana <nope>")
    type_into(qtbot, form.role, "SRE")
    form.flush()
    assert "not an e-mail address" in window.debrief.message.text()
    assert library.get_interview(i.id) == i  # not half-saved: the role waited too
    form.company.selectAll()
    qtbot.keyClick(form.company, Qt.Key.Key_Delete)
    form.people.clear()
    form.flush()
    assert "needs a company" in window.debrief.message.text()
    assert library.get_interview(i.id).company == "Acme"


def test_long_right_to_left_and_emoji_text_is_kept(qtbot, window, library):
    i = library.add_interview(Interview(company="Acme"))
    window.debrief_interview(i.id)
    panel = window.debrief.mistakes
    text = ("ما هي نقاط قوتك؟ 😀 " * 600)[:10_000]
    panel.add_button.click()
    panel.asked.setPlainText(text)
    panel.flush()
    [m] = library.list_mistakes(i.id)
    assert m.asked == text
    assert panel.list.count() == 1


def test_a_deleted_mistake_comes_back_with_undo(qtbot, window, library):
    i = library.add_interview(Interview(company="Acme"))
    library.add_mistake(Mistake(asked="Why us?", interview_id=i.id))
    window.debrief_interview(i.id)
    panel = window.debrief.mistakes
    panel.list.setCurrentRow(0)
    panel.delete_button.click()
    assert library.list_mistakes(i.id) == []
    assert window.debrief.undo_button.isVisibleTo(window.debrief)
    window.debrief.undo_button.click()
    assert [m.asked for m in library.list_mistakes(i.id)] == ["Why us?"]
    assert panel.list.count() == 1


def test_a_habit_gets_a_pointer_to_practice(qtbot, window, library):
    i = library.add_interview(Interview(company="Acme"))
    window.debrief_interview(i.id)
    panel = window.debrief.mistakes
    panel.add_button.click()
    type_into(qtbot, panel.said, "I was really nervous")
    panel.flush()
    assert panel.hint.isVisibleTo(panel)
    assert "Rehearse" in panel.hint.text()


def test_checklist_ticks_and_edits_survive_reopening_the_screen(qtbot, window, library):
    i = library.add_interview(Interview(company="Acme"))
    window.debrief_interview(i.id)
    checklist = window.debrief.checklist
    first = library.checklist(i.id)[0]
    checklist.tick(first.id, True)
    assert library.checklist(i.id)[0].ticked_on == dt.date.today()
    checklist.list_choice.setCurrentIndex(checklist.list_choice.findData("during"))
    type_into(qtbot, checklist.new_text, "Smile at the receptionist")
    qtbot.keyClick(checklist.new_text, Qt.Key.Key_Return)
    assert "Smile at the receptionist" in [
        x.text for x in library.checklist() if x.list_key == "during"
    ]
    checklist.show_interview(i.id)
    ticked = [it for it in _tree_items(checklist.tree) if it.checkState(0) == Qt.CheckState.Checked]
    assert [it.text(0) for it in ticked] == [first.text]


def test_down_moves_a_checklist_item_and_the_panel_keeps_qwidget_move(qtbot, window, library):
    # The panel's own move(offset) used to shadow QWidget.move(x, y); it is move_item now.
    i = library.add_interview(Interview(company="Acme"))
    window.debrief_interview(i.id)
    checklist = window.debrief.checklist
    first, second = [x for x in library.checklist(i.id) if x.list_key == "night_before"][:2]
    checklist.reload(keep=first.id)
    checklist.down.click()
    assert [x.id for x in library.checklist(i.id) if x.list_key == "night_before"][:2] == [
        second.id,
        first.id,
    ]
    checklist.move(0, 0)  # QWidget's move, no TypeError


def test_interview_rows_open_the_debrief_and_show_a_note_due(qtbot, window, library):
    i = library.add_interview(Interview(company="Acme", date=dt.date.today()))
    window.library_view.reload()
    [row] = [
        it
        for it in _tree_items(window.library_view.tree)
        if it.data(0, KIND) == "interview" and it.data(0, ID) == i.id
    ]
    assert "note due" in row.text(Col.FLAGS)
    window.library_view.tree.itemActivated.emit(row, 0)
    assert window.stack.currentWidget() is window.debrief
    assert window.debrief.form.company.text() == "Acme"
    other = library.add_interview(Interview(company="Globex"))
    library.add_mistake(Mistake(asked="Why Globex?", interview_id=other.id))
    window.library_view.reload()
    [row] = [it for it in _tree_items(window.library_view.tree) if it.data(0, KIND) == "mistake"]
    window.library_view.tree.itemActivated.emit(row, 0)
    assert window.debrief.form.company.text() == "Globex"


def test_start_up_mentions_a_note_that_is_due(qtbot, library, settings, runner):
    library.add_interview(Interview(company="Globex", date=dt.date.today()))
    w = MainWindow(library, settings, runner)
    qtbot.addWidget(w)
    assert "Globex (due)" in w.statusBar().currentMessage()


def _tree_items(tree):
    out = []
    it = QTreeWidgetItemIterator(tree)
    while it.value():
        out.append(it.value())
        it += 1
    return out


def test_rehearse_this_links_the_question_that_exists_and_every_view_agrees(
    qtbot, window, library, capsys
):
    from taketwo.cli import main
    from taketwo.domain import Question, QuestionStatus

    existing = library.add_question(Question(prompt="Tell me about a project that failed"))
    i = library.add_interview(Interview(company="Acme"))
    m = library.add_mistake(
        Mistake(asked="tell me about a project that FAILED.", interview_id=i.id)
    )
    library.update_question(existing.id, status=QuestionStatus.COMFORTABLE)
    window.debrief_interview(i.id)
    panel = window.debrief.mistakes
    panel.rehearse_button.click()
    assert window.rehearse.question.id == existing.id
    assert [s.question.id for s in library.list_questions()] == [existing.id]  # no copy
    window.debrief_interview(i.id)
    debrief_row = panel.list.item(0).text()
    assert debrief_row.startswith("comfortable  ·  ")
    assert panel.practice.text().startswith("comfortable · “Tell me about a project that failed”")
    window.library_view.reload()
    [row] = [it for it in _tree_items(window.library_view.tree) if it.data(0, KIND) == "mistake"]
    assert row.text(Col.PRACTICE) == "comfortable"
    questions = [
        it for it in _tree_items(window.library_view.tree) if it.data(0, KIND) == "question"
    ]
    assert [q.data(0, ID) for q in questions] == [existing.id]  # listed once, under the mistake
    assert questions[0].parent() is row
    capsys.readouterr()
    assert main(["mistake", "list", "--library", str(library.folder)]) == 0
    assert (
        "comfortable · “Tell me about a project that failed” — 0 takes" in capsys.readouterr().out
    )
    assert m.id is not None


def test_a_close_question_is_picked_from_a_short_list(qtbot, window, library):
    from taketwo.domain import Question

    existing = library.add_question(Question(prompt="Tell me about a project you led that failed"))
    i = library.add_interview(Interview(company="Acme"))
    library.add_mistake(Mistake(asked="Tell me about a failed project", interview_id=i.id))
    window.debrief_interview(i.id)
    panel = window.debrief.mistakes
    offered = []
    panel.choose_question = lambda candidates: offered.append(candidates) or existing.id
    panel.rehearse_button.click()
    assert [q.id for q in offered[0]] == [existing.id]
    assert window.rehearse.question.id == existing.id
    assert len(library.list_questions()) == 1


def test_note_draft_on_the_command_line_prints_what_the_debrief_shows(
    qtbot, window, library, capsys
):
    from taketwo.cli import main

    i = library.add_interview(
        Interview(
            company="Acme",
            role="SRE",
            date=dt.date.today(),
            interviewers=["Ana Ruiz <ana@acme.example>", "Ben"],
            notes="felt rushed",
            note_topics="their on-call rota",
        )
    )
    m = library.add_mistake(Mistake(asked="Why us?", meant="the team", interview_id=i.id))
    library.triage_mistake(m.id, True, dt.date.today())
    library.set_your_name("Sam Lee")
    window.debrief_interview(i.id)
    note = window.debrief.note
    shown = (
        f"To: {note.to.text()}\nSubject: {note.subject.text()}\n\n"
        f"{note.body.toPlainText().rstrip()}\n\n{note.sources.text()}\n\n"
        f"{note.state.text()}\n{note.due.text()}\n"
    )
    capsys.readouterr()
    assert main(["note", "draft", str(i.id), "--library", str(library.folder)]) == 0
    assert capsys.readouterr().out == shown
    assert "felt rushed" not in shown
