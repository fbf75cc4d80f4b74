"""One key per response, shown in the picker, the footer and the help screen."""

ACTION_KEYS = {
    "gather_facts": "g",
    "analyse_scope": "a",
    "draft_options": "o",
    "holding_statement": "h",
    "conciliatory_reply": "c",
    "private_message": "p",
    "public_apology": "y",
    "acknowledge_correct": "k",
    "explain_justify": "e",
    "deny_with_evidence": "n",
    "monitor": "m",
    "delete_comments": "x",
    "argue": "r",
    "blame_customer": "b",
    "canned_reply": "t",
}
SPEEDS = (1, 2, 4, 8, 16)
