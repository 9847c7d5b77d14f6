## Compliance: where people stand against the rules on professional development.

nav-compliance = My compliance
compliance-title = My compliance
compliance-none = No compliance rule applies to you: rules cover instructors and leaders by the kind and country of the institution they work in.
compliance-status = Status
compliance-status-compliant = Compliant
compliance-status-on-track = On track
compliance-status-at-risk = At risk
compliance-status-overdue = Overdue
compliance-cycle = Current cycle
compliance-done = Hours done
compliance-needed = Hours still needed
compliance-deadline = Deadline
compliance-rule = Rule
compliance-gap-of = Of which { $what }
compliance-programme = One programme of the required length
compliance-missed = The cycle that ended on { $date } was not completed.
compliance-next = Trainings that would close the gap
compliance-org-link = Compliance of the staff
compliance-org-title = Compliance
compliance-totals = People by status
compliance-group = Group
compliance-all = All
compliance-staff = Staff
compliance-sort = Sort by
compliance-sort-name = Name
compliance-sort-status = Status, worst first
compliance-sort-deadline = Deadline, soonest first
compliance-sort-needed = Hours still needed, most first
compliance-show = Show
compliance-csv = Download as CSV
compliance-category = Learner category
ledger-source-industry = Training in industry
yes = Yes
no = No
err-dates-reversed = The end date is before the start date.
err-leave-too-long = A leave can be at most five years long.
err-reason-required = Please give a reason (at most 300 characters).
err-at-risk-range = The at-risk threshold must be between 0 and 100 points.
err-cycle-years-range = A cycle lasts between 1 and 10 years.
err-reminder-days-range = A reminder is sent at most ten years before a deadline.
err-hours-positive = Hours must be more than zero.
err-rule-incomplete = A rule needs at least one learner category and one ledger source.

## Certificates and their verification.

certificates-title = My certificates
verify-title = Verify a certificate
verify-intro = Type the code printed on the certificate, under its QR code, to see whether it is valid.
verify-malformed = This is not a certificate code: codes have ten letters and digits, such as 7KX4P-M2QRT.
verify-unknown = No certificate has this code.
verify-status-valid = Valid
verify-status-revoked = Revoked
verify-status-replaced = Replaced by a corrected certificate
verify-since = Since { $date }
verify-reason-completion-withdrawn = the completion was withdrawn after an attendance correction
verify-reason-reissued = a corrected certificate was issued
verify-replacement = See the certificate that replaces it
verify-serial = Serial number
verify-holder = Holder
verify-programme = Programme
verify-version = version { $n }
verify-completed = Completed on
verify-provider = Provider
verify-issued = Issued
verify-qr = QR code of this page
verify-credential = The signed digital credential (Open Badges 3.0)
verify-code = Certificate code
verify-check = Check
err-certificate-not-valid = This certificate is not valid any more.
err-certificate-current-exists = This completion already has a valid certificate.
err-not-completed = The training is not completed.

## Recognition of outside learning.

err-value-unknown = Please choose one of the offered options.
err-title-required = Please give the title (at most 300 characters).
err-provider-required = Please give who provided it (at most 300 characters).
err-evidence-required = Please attach the evidence: a certificate or attestation as PDF, JPEG or PNG.
err-evidence-too-large = The file is too large: at most { $max } MB.
err-evidence-type = The file must be a PDF, JPEG or PNG.
err-own-recognition = Nobody can approve or reject their own recognition.
err-already-decided = This has already been decided.
recognition-title = Recognition of outside learning
recognition-new = Submit training done elsewhere
recognition-kind = What it was
recognition-kind-training = Training or course at another provider
recognition-kind-industry = Time in industry (a company placement)
recognition-provider = Provider or company
recognition-starts = First day
recognition-ends = Last day
recognition-evidence = Evidence (PDF, JPEG or PNG, at most 10 MB)
recognition-competences-hint = Competence codes, separated by commas, such as DIGCOMPEDU:2.3 (optional).
recognition-submit = Submit for recognition
recognition-mine = My submissions
recognition-queue = Recognitions to decide
recognition-queue-empty = Nothing is waiting for a decision.
recognition-status-pending = Waiting for a decision
recognition-status-approved = Approved
recognition-status-rejected = Rejected
recognition-approve = Approve
recognition-reject = Reject
recognition-reason = Reason for rejecting
recognition-person = Person
recognition-file = File
notice-recognition-submitted = Your submission was received; you will see the decision here.
notice-recognition-decided = The decision was recorded.
nav-recognitions = Recognitions
pdf-heading = Certificate
pdf-certifies = This is to certify that
pdf-completed = has completed the continuing professional development programme
pdf-verify-at = Check this certificate at
certificate-pdf = Download the certificate (PDF)
certificates-none = You have no certificates yet: completing a training issues one.
compliance-history = Compliance over the last twelve months
compliance-history-label = Share of people compliant, on track, at risk and overdue at the end of each of the last twelve months and today
compliance-month = Month end
compliance-today = Today
compliance-xlsx = Download as a spreadsheet (XLSX)
mail-compliance-reminder-subject = { $days } days left to complete your training hours
mail-compliance-reminder-body = Dear { $name },

    under “{ $rule }” you still need { $hours } hours of training before { $deadline } ({ $days } days from today). At your pace so far you may not make it in time.

    Your standing, and trainings with free seats that would close the gap:

    { $link }
mail-compliance-digest-subject = Compliance of { $organisation } in { $month }
mail-compliance-digest-body = Dear { $name },

    the training-hour standing of the { $people } people working at { $organisation }:

    compliant: { $compliant }
    on track: { $ontrack }
    at risk: { $atrisk }
    overdue: { $overdue }

    Everyone's line, with deadlines and hours still needed:

    { $link }
