## Sessions, sign-ups, approvals, attendance, the ledger and notifications.

nav-trainings = My trainings
nav-ledger = My hours
nav-approvals = Approvals
sessions-title = Sessions
sessions-none = No sessions are scheduled at the moment.
session-new-title = Schedule a session
session-dates = Dates
session-seats = Seats
seats-free = { $count ->
    [one] { $count } seat free
   *[other] { $count } seats free
}
waiting-count = { $count ->
    [one] { $count } waiting
   *[other] { $count } waiting
}
waiting-position = number { $position } on the waiting list
registration-open = Open for sign-up
registration-closed = Sign-up is not open.
session-registration = Sign-up
session-cancellation = Cancellation possible until
session-approval = Approval
session-approval-needed = Your institution head approves sign-ups
session-trainers = Trainers
session-meetings = Meetings
session-meetings-hint = One line per meeting; empty lines are ignored. Give a place, an online link, or both.
session-your-place = Your place
session-full-waitlist = The session is full; you can join the waiting list.
session-manage = Manage the session
session-create = Schedule
session-language-default = The programme's language
session-offer-waitlist = Offer freed seats for a while instead of confirming the next person at once
session-open-now = Open sign-up now
session-who = Who may sign up
session-who-hint = Leave everything unticked to let everyone sign up.
field-day = Day
field-time = Time
field-starts = Starts
field-ends = Ends
field-place = Place
field-capacity = Seats
field-hold-days = Days a seat is held while waiting for approval
field-offer-hours = Hours to accept an offered seat
field-registration-opens = Sign-up opens
field-registration-closes = Sign-up closes
registration-opens-hint = Leave empty to open now.
registration-closes-hint = Leave empty for twelve hours before the first meeting.
online-link = Online link
until = until
completed = completed
signup = Sign up
signup-waitlist = Join the waiting list
signup-again = Sign up again
signup-login = Log in to sign up
offer-accept = Accept the seat
enrolment-cancel = Cancel
participants-title = Participants
attendance-caption = Attendance per meeting and assessment result
attendance-minutes = minutes
attendance-save = Save attendance
assessment = Assessment
assessment-pass = Passed
assessment-fail = Not passed
approve = Approve
decline = Decline
decline-reason = Reason (optional)

session-state-planned = Planned
session-state-open = Open for sign-up
session-state-running = Running
session-state-finished = Finished
session-state-closed = Closed
session-state-cancelled = Cancelled
session-action-open = Open sign-up
session-action-start = Start
session-action-finish = Finish and decide completion
session-action-close = Close
session-action-cancel = Cancel the session
enrolment-status-confirmed = Confirmed
enrolment-status-pending-approval = Waiting for approval
enrolment-status-offered = A seat is offered to you
enrolment-status-waitlisted = On the waiting list
enrolment-status-cancelled = Cancelled
enrolment-status-declined = Declined
enrolment-status-expired = Expired
enrolment-status-removed = Removed
attendance-present = Present
attendance-absent = Absent
attendance-excused = Excused
attendance-partial = Partly (minutes)

trainings-title = My trainings
trainings-none = You have not signed up for any training yet.
trainings-find = Find training
approvals-title = Sign-ups to approve
approvals-lead = Sign-ups of your staff waiting for your decision. Each holds a seat until the date shown.
approvals-none = Nothing is waiting for your decision.
ledger-title = My hours
ledger-total = { $hours } hours in total
ledger-empty = No hours are recorded yet.
ledger-what = Training
ledger-source = Source
ledger-reversal = correction
ledger-source-session = Training session
ledger-source-recognition = Recognised outside learning
ledger-source-correction = Correction
notifications-title = Notifications
notifications-none = You have no notifications.

notice-session-created = The session is scheduled.
notice-session-open = Sign-up is open.
notice-session-start = The session has started.
notice-session-finish = The session is finished; completion is decided.
notice-session-close = The session is closed.
notice-session-cancel = The session is cancelled; everyone signed up has been told.
notice-signup-confirmed = You are signed up. A confirmation is on its way.
notice-signup-waitlisted = The session is full: you are on the waiting list.
notice-signup-pending-approval = Your seat is held while your institution head decides.
notice-enrolment-cancel = Your sign-up is cancelled.
notice-enrolment-accept = The seat is yours.
notice-enrolment-approve = The sign-up is approved.
notice-enrolment-decline = The sign-up is declined.
notice-enrolment-remove = The participant is removed.
notice-attendance-saved = Attendance is saved.

err-already-signed-up = You are already signed up for this session.
err-signup-closed = Sign-up for this session is not open.
err-category-not-eligible = This session is not open to your category of learner.
err-region-not-eligible = This session is open to people in other regions only.
err-approval-needs-institution = This session needs your institution head's approval; please ask to be added to your institution first.
err-too-many-pending = You already have { $max } sign-ups waiting for approval.
err-overlapping-session = You are already signed up for “{ $title }”, which meets at the same time. Cancel that place first, or choose another date.
err-cancellation-deadline-passed = The cancellation deadline has passed. Please contact the trainer.
err-offer-not-open = This offer is no longer open.
err-capacity-below-taken = More seats are already taken than that.
err-attendance-closed = Attendance can no longer be changed: the session is closed.
err-attendance-status-unknown = Please choose one of the offered attendance marks.
err-meeting-unknown = There is no such meeting in this session.
err-participant-unknown = This person is not a confirmed participant of the session.
err-programme-not-published = Sessions can only be scheduled for a published programme.
err-meetings-required = Please give at least one meeting.
err-meeting-ends-before-start = The meeting must end after it starts.
err-meeting-place-required = Please give a place or an online link.
err-meetings-overlap = Two meetings overlap.
err-meetings-in-past = The first meeting cannot be in the past.
err-link-invalid-url = Please give a full web address starting with https://.
err-registration-after-start = Sign-up must close before the first meeting.
err-trainers-required = Please choose at least one trainer.
err-trainer-unknown = Only people with the trainer role can be trainers.
err-date-invalid = Please give a valid date.
err-date-in-future = The date cannot be in the future.
err-time-invalid = Please give a time such as 09:30.
err-idempotency-key-invalid = The Idempotency-Key header must be 1 to 200 visible characters.

mail-signup-confirmed-subject = You are signed up: { $title }
mail-signup-confirmed-body = Dear { $name },

    your place in “{ $title }” is confirmed. The details and the meetings are here:

    { $link }
mail-signup-waitlisted-subject = On the waiting list: { $title }
mail-signup-waitlisted-body = Dear { $name },

    “{ $title }” is full. You are number { $position } on the waiting list; we will tell you as soon as a seat is yours.

    { $link }
mail-signup-pending-subject = Waiting for approval: { $title }
mail-signup-pending-body = Dear { $name },

    a seat in “{ $title }” is held for you while your institution head decides.

    { $link }
mail-approval-requested-subject = Sign-up to approve: { $learner }
mail-approval-requested-body = Dear { $name },

    { $learner } has signed up for “{ $title }”, which needs your approval. Please decide here:

    { $link }
mail-signup-promoted-subject = A seat is yours: { $title }
mail-signup-promoted-body = Dear { $name },

    a seat has become free in “{ $title }” and it is now yours.

    { $link }
mail-signup-promoted-pending-subject = A seat is held for you: { $title }
mail-signup-promoted-pending-body = Dear { $name },

    a seat has become free in “{ $title }”. It is held for you while your institution head decides.

    { $link }
mail-seat-offered-subject = A seat is offered to you: { $title }
mail-seat-offered-body = Dear { $name },

    a seat has become free in “{ $title }”. Accept it within the time shown on the session's page:

    { $link }
mail-signup-removed-subject = Removed from: { $title }
mail-signup-removed-body = Dear { $name },

    you have been taken off “{ $title }”. Please contact the trainer if you have questions.

    { $link }
mail-signup-approved-subject = Approved: { $title }
mail-signup-approved-body = Dear { $name },

    your sign-up for “{ $title }” is approved. { $note }

    { $link }
mail-signup-declined-subject = Not approved: { $title }
mail-signup-declined-body = Dear { $name },

    your sign-up for “{ $title }” was not approved. { $note }

    { $link }
mail-session-cancelled-subject = Cancelled: { $title }
mail-session-cancelled-body = Dear { $name },

    we are sorry: the session of “{ $title }” you signed up for is cancelled.

    { $link }
mail-training-completed-subject = Completed: { $title }
mail-training-completed-body = Dear { $name },

    you have completed “{ $title }”. { $hours } hours are added to your professional development record.

    { $link }
mail-hold-expired-subject = Your place has lapsed: { $title }
mail-hold-expired-body = Dear { $name },

    the seat held for you in “{ $title }” has lapsed and is offered to the next person in line.

    { $link }
mail-session-reminder-subject = Tomorrow: { $title }
mail-session-reminder-body = Dear { $name },

    a reminder: “{ $title }” starts on { $date }.

    { $link }
online-link-hidden = Online (the link is shown to participants)
notifications-mark-read = Mark all as read
err-session-not-over = The session cannot be finished before its last meeting has begun ({ $starts }).
err-meeting-not-begun = Attendance can be recorded only for meetings that have begun; one of them starts at { $starts }.
err-trainer-not-of-provider = A trainer must hold the trainer role at this programme's provider.
err-attendance-minutes-out-of-range = { $name }, { $day }: minutes present must be between 1 and { $max }; for the whole meeting choose “Present”.
session-run-title = Running the session
session-action-help-open = Opens sign-up, within its sign-up window.
session-action-help-start = When the first meeting begins: you can then record attendance for each meeting that has begun.
session-action-help-finish = After the last meeting has begun: completion is decided from attendance, hours are credited and certificates issued. Attendance can still be corrected until the session is closed.
session-action-help-close = Ends corrections to attendance for good.
session-action-help-cancel = Cancels the session; everyone signed up is told.
session-state-help-planned = Planned: not yet open for sign-up.
session-state-help-open = Open for sign-up. Start it when its first meeting begins.
session-state-help-running = In progress.
session-state-help-finished = Finished: completion is decided; attendance can be corrected until it is closed.
session-state-help-closed = Closed: its records are final.
session-state-help-cancelled = Cancelled.
attendance-title = Attendance
attendance-meetings = Meetings
attendance-not-begun = not begun
attendance-recorded = recorded
attendance-due = to record
attendance-opens-later = Attendance for this meeting can be recorded once it has begun.
session-you-teach = You teach this session.
teaching-title = Sessions I teach
teaching-lead = Your sessions: start them when the first meeting begins, record attendance after each meeting, and finish them after the last.
teaching-none = You are not named as the trainer of any session.
teaching-next = Next
teaching-attendance-due = { $count ->
        [one] Attendance to record: 1 meeting
       *[other] Attendance to record: { $count } meetings
    }
