"""Sessions: one training, many trainees; the instructor's live view and the group debrief.

Core: no Textual. The store holds the sessions (migration 3); `watch` turns them into rows for
the instructor's screen; `debrief` computes the group debrief, `render` writes it.
"""
