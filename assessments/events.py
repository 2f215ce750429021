"""Domain events, sent by the services inside their transaction.

Apps above assessments (notifications) connect receivers; assessments never imports them. A receiver runs inside
the service's transaction, so anything it does outside the database (mail) belongs in `transaction.on_commit`:
a rolled-back action then leaves no trace. Every event is sent with `sender` = the model class and the keyword
arguments documented below.
"""

from django.dispatch import Signal

# A step of the review workflow was taken on a reviewed record (a result, a target or a related-index value), as
# `services.review.transition` takes every one. record: the row after the step (for a revision, the new draft);
# kind: its `review_kind` ("result", "target", "related"); step: the ReviewStep (submit, verify, return,
# revise); previous_state: its state before the step (None for a new revision), so a submission after a return
# is a resubmission; by: the user. Rows carried with the record (an official result's target) send nothing of
# their own.
review_step = Signal()

# Staff recorded a status flag for a regency. status_flag: the new regencies.StatusFlag; by: the user.
status_flag_set = Signal()

# Someone answered the conversation on a revision (the regency admin to a return, or staff to that answer).
# result: the Result the conversation belongs to; message: the new ReviewMessage; by: its author.
review_reply_posted = Signal()
