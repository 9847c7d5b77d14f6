## E-mail messages, the outbox and the audit log.

mail-footer = { $brand } — continuing professional development for vocational teachers and trainers
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
mail-invite-subject = You are invited to { $brand }
mail-invite-body = 
    Dear { $name },

    { $inviter } invites you to join { $organisations } on { $brand }. Choose your password here, then accept the invitation in your account:

    { $link }

    The link is valid for fourteen days.
outbox-title = Outbox
outbox-lead-smtp = Messages the platform sends, and whether they were delivered. Links that log in, confirm or reset are never shown here.
outbox-lead-no-smtp = No mail server is configured: messages are written as files into the data folder's mail folder. Links that log in, confirm or reset are never shown here.
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
mail-secret-removed = [the link was removed here; only the delivered message holds it]
mail-invite-existing-subject = An invitation to join an organisation
mail-invite-existing-body = 
    Dear { $name },

    { $inviter } invites you to join { $organisations } on { $brand }. Log in and accept or decline the invitation here:

    { $link }
mail-register-existing-subject = Someone tried to register with your address
mail-register-existing-body = 
    Dear { $name },

    someone tried to create a { $brand } account with this address, which already has one. If it was you, log in:

    { $login }

    If you forgot your password, set a new one here:

    { $link }

    If it was not you, you need do nothing: no account was created.
mail-login-attempts-subject = Failed attempts to log in to your account
mail-login-attempts-body = 
    Dear { $name },

    there were several failed attempts to log in to your account, the latest from the address { $address }. Further attempts from there must now wait a little longer each time; your own log-in from a browser you used before is not slowed down.

    If it was you and you forgot your password, set a new one here:

    { $link }

    If it was not you, nobody got in; you need do nothing.
mail-password-changed-subject = Your password was changed
mail-password-changed-body = 
    Dear { $name },

    the password of your { $brand } account was just changed. { $sessions ->
        [one] One other session was logged out
       *[other] { $sessions } other sessions were logged out
    } and { $tokens ->
        [one] one API token was revoked.
       *[other] { $tokens } API tokens were revoked.
    }

    If it was not you, set a new password at once:

    { $link }
mail-membership-requested-subject = { $learner } asks to join { $organisation }
mail-membership-requested-body = 
    Dear { $name },

    { $learner } registered on { $brand } and says they work at { $organisation }. Accept or decline the request here:

    { $link }
mail-membership-accepted-subject = You are now a member of { $organisation }
mail-membership-accepted-body = 
    Dear { $name },

    { $organisation } accepted your request to join. Your trainings and hours now count there.

    { $link }
mail-membership-declined-subject = Your request to join { $organisation } was declined
mail-membership-declined-body = 
    Dear { $name },

    { $organisation } declined your request to join. If you do work there, ask the head of the institution to invite you.

    { $link }
