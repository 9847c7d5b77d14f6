## E-mail messages, the outbox and the audit log.

mail-footer = Guildhall — continuing professional development for vocational teachers and trainers
mail-confirm-subject = Confirm your e-mail address
mail-confirm-body = Dear { $name },

    please confirm your e-mail address by opening this link:

    { $link }

    The link is valid for three days. If you did not register, you can ignore this message.
mail-reset-subject = Set a new password
mail-reset-body = Dear { $name },

    someone asked to set a new password for your account. To do so, open this link:

    { $link }

    The link is valid for two hours. If it was not you, you can ignore this message.
mail-invite-subject = You are invited to Guildhall
mail-invite-body = Dear { $name },

    { $inviter } has created an account for you. To start, choose your password here:

    { $link }

    The link is valid for fourteen days.

outbox-title = Outbox
outbox-lead-smtp = Messages the platform sends, and whether they were delivered.
outbox-lead-no-smtp = No mail server is configured, so messages are kept here instead of being sent.
outbox-to = Recipient
outbox-subject = Subject
outbox-status-pending = Waiting
outbox-status-sending = Being sent
outbox-status-sent = Sent
outbox-status-failed = Failed

audit-title = Audit log
audit-lead = Every change to accounts, roles and organisations: who, what, when and from where.
audit-when = When
audit-who = Who
audit-action = Action
audit-object = Object
audit-from = From
audit-details = Details
audit-actor-id = Person (id)
audit-object-id = Object (id)
audit-system = the system
