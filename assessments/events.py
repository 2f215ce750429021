"""Domain events of the review workflow, sent by the services inside their transaction.

Apps above assessments (notifications) connect receivers; assessments never imports them. A receiver runs inside
the service's transaction, so anything it does outside the database (mail) belongs in `transaction.on_commit`:
a rolled-back action then leaves no trace. Every event is sent with `sender` = the model class and the keyword
arguments documented below.
"""

from django.dispatch import Signal

# A regency submitted a result for verification. result: the submitted Result; by: the submitting user.
result_submitted = Signal()

# Staff returned a submitted result to its regency. result: the Result, now returned, with `review_comment`;
# by: the reviewer.
result_returned = Signal()

# Staff verified (published) a submitted result. result: the Result, now verified; by: the reviewer.
result_verified = Signal()

# Staff recorded a status flag for a regency. status_flag: the new regencies.StatusFlag; by: the user.
status_flag_set = Signal()

# Someone answered the conversation on a revision (the regency admin to a return, or staff to that answer).
# result: the Result the conversation belongs to; message: the new ReviewMessage; by: its author.
review_reply_posted = Signal()
