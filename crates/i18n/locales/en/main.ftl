## Layout, navigation and words used everywhere.

skip-to-content = Skip to content
nav-main = Main menu
nav-home = Home
nav-orgs = Organisations
nav-people = People
nav-audit = Audit log
nav-outbox = Outbox
nav-login = Log in
nav-logout = Log out
nav-register = Register
language-switch = Language
footer-api = API documentation
breadcrumb = You are here

home-title = Home
home-heading = Continuing professional development for vocational teachers and trainers
home-lead = Find training, sign up, attend, earn certificates and keep track of the hours the law asks of you — in one place.
home-how-title = How it works
home-step-find = Find a programme in the national catalogue.
home-step-attend = Sign up for a session and attend it.
home-step-certificate = Receive a certificate anyone can verify.
home-step-hours = See your hours add up towards your professional development cycle.
home-welcome = Welcome, { $name }
home-demo-hint = This is a demonstration installation: the log-in page lists the demo accounts.

form-has-errors = Please correct the following
save = Save
cancel = Cancel
add = Add
remove = Remove
filter = Filter
choose = — choose —
all = All
status = Status
created = Created
actions = Actions
nothing-found = Nothing found.
confirm-sure = Are you sure?
date-from = From
date-to = To
pager-label = Pages
pager-prev = Previous
pager-next = Next
pager-position = Page { $page }
people-count = { $count ->
    [one] { $count } person
   *[other] { $count } people
}
entries-count = { $count ->
    [one] { $count } entry
   *[other] { $count } entries
}
messages-count = { $count ->
    [one] { $count } message
   *[other] { $count } messages
}

field-name = Name
field-email = E-mail address
field-password = Password
field-new-password = New password
field-current-password = Current password
field-password-again = New password again
field-initial-password = Initial password
field-language = Language
field-category = I am a…
field-organisation = Organisation
field-role = Role
field-kind = Kind
field-code = Code
field-org-name = Name
field-token-name = Token name
field-valid-days = Valid for (days)
password-hint = At least 8 characters. Long passphrases are best; very common passwords are refused.
code-hint = Letters, digits, hyphens and dots, for example HU-BP-042.

role-learner = Learner
role-institution-head = Institution head
role-trainer = Trainer
role-provider = Programme provider
role-quality-reviewer = Quality reviewer
role-regional-coordinator = Regional coordinator
role-expert-registry-keeper = Expert registry keeper
role-administrator = Administrator
scope-platform = whole platform

category-instructor = Instructor or teacher
category-institution-leader = Institution leader
category-trainer = Trainer
category-student = Student
category-pupil = Pupil
category-company-employee = Company employee
category-job-seeker = Job seeker
category-pensioner = Pensioner

org-kind-country = Country
org-kind-region = Region
org-kind-cluster = Cluster
org-kind-institution = Institution
org-kind-provider = Training provider
org-kind-employer = Employer
nav-menu = Menu
nav-certificates = My certificates
nav-teaching = Sessions I teach
nav-staff-compliance = Staff compliance
home-invitations-open = See the invitations
home-approvals-open = Decide them
home-applications-open = See the requests
home-teaching-all = All sessions I teach
home-hours-title = Your hours this cycle
home-hours-done = { $done } hours done
home-hours-deadline = due by { $deadline }
home-cycle-since = The cycle began on { $start }; hours from earlier cycles are in your ledger.
home-hours-more = What counts, and what is still needed
home-next-title = Your next trainings
home-next-none = You have no place in a session to come. Find one in the catalogue.
home-suggestions-title = Trainings that close your gaps
home-staff-lead = See who is on track, at risk or overdue, and who needs which hours.
home-staff-open = Open the staff overview
home-drafts-open = My programmes
home-programme-new = Write a new programme
home-reviews-open = Review them
home-admin-title = Administration
home-invitations = { $count ->
        [one] You are invited to join an organisation.
       *[other] You are invited to join { $count } organisations.
    }
home-approvals = { $count ->
        [one] One sign-up waits for your approval.
       *[other] { $count } sign-ups wait for your approval.
    }
home-applications = { $count ->
        [one] One person asks to join your staff.
       *[other] { $count } people ask to join your staff.
    }
home-drafts = { $count ->
        [one] One programme has a draft to finish.
       *[other] { $count } programmes have a draft to finish.
    }
home-reviews = { $count ->
        [one] One version waits for your review.
       *[other] { $count } versions wait for your review.
    }
home-hours-needed = { $needed } of the { $total } hours the cycle asks for are still needed.
home-hours-met = The { $total } hours the cycle asks for are done.
