## The catalogue: search, programmes, review, frameworks, releases.

nav-catalogue = Catalogue
nav-mine = My programmes
nav-reviews = Reviews
catalogue-title = Training catalogue
catalogue-search-label = Search programmes
catalogue-search = Search
catalogue-filters = Filters
catalogue-clear = Clear all filters
catalogue-sort = Sort by
catalogue-sessions = Sessions
catalogue-free-seats = With free seats
catalogue-starts-from = Starting from
catalogue-starts-to = Starting by
catalogue-nothing = No programme matches. Try fewer words or filters.
sort-relevance = Best match
sort-title = Title
sort-newest = Newest first
sort-hours = Shortest first
sort-hours-desc = Longest first
hours-min = At least
hours-max = At most
badge-new = New
programmes-count = { $count ->
    [one] { $count } programme
   *[other] { $count } programmes
}
hours-count = { $count ->
    [one] { $count } hour
   *[other] { $count } hours
}
days-count = { $count ->
    [one] { $count } day
   *[other] { $count } days
}

field-title = Title
field-description = Description
field-outcomes = Learning outcomes
field-prerequisites = Prerequisites
field-hours = Hours
field-format = Format
field-delivery-language = Language of delivery
field-categories = For
field-competences = Competences
field-area = Competence area
field-region = Region
field-regions = Offered in
field-provider = Provider
field-follow-up = Follow-up period (days)
field-attendance-pct = Attendance needed to complete (%)
field-licence = Licence of the materials
field-version = Version
field-notes = Notes
field-release-name = Name of the release
follow-up-hint = At least 30 days: the follow-up space stays open this long after the session.
assessment-required = A passed assessment is needed to complete
programme-langs-hint = Write the title at least in one language; add the others where you can.
programme-details = Details

format-in-person = In person
format-online-live = Online, live
format-blended = Blended
format-self-paced = Self-paced
licence-educational-attribution = Educational reuse with attribution
licence-written-permission = Electronic reuse only with written permission
licence-cc-by = Creative Commons Attribution
licence-cc-by-sa = Creative Commons Attribution-ShareAlike
licence-cc-by-nc = Creative Commons Attribution-NonCommercial
licence-all-rights-reserved = All rights reserved
version-state-draft = Draft
version-state-submitted = Submitted for review
version-state-approved = Approved
version-state-published = Published
version-state-superseded = Superseded
version-state-retired = Retired

programme-new-title = New programme
programme-edit-title = Edit programme
programme-retired = This programme has been retired and is no longer offered.
programme-actions = Actions
programme-edit = Edit
programme-submit = Submit for review
programme-approve = Approve
programme-return = Return with comments
programme-publish = Publish
programme-retire = Retire
pending-version = Version { $version }
review-comment = Reviewer's comment
review-comment-required = Comment (required when returning)
versions-title = Versions
updated = Updated
mine-title = My programmes
mine-lead = Programmes of the providers you write for, with their newest version.
reviews-title = Programmes to review
reviews-lead = Versions submitted for quality review. You cannot review your own work.

frameworks-title = Competence frameworks
frameworks-lead = The frameworks programmes are tagged with. Choose a competence to see its programmes.
import-title = Import a framework
import-lead = Upload a CSV file or paste its text. The first line is the header; then one framework row, its areas, and its competences, each naming its area:
import-file = CSV file
import-paste = Or paste the CSV here
import-submit = Import

releases-title = Catalogue releases
releases-new-since = New since the last release
releases-all = All releases
release-new-title = Publish a release
release-new-lead = Publish approved versions together, under one name.
release-name-hint = For example: Spring 2027 catalogue
release-versions = Approved versions to publish
release-none-approved = No approved versions are waiting.
release-publish = Publish the release

notice-programme-created = The programme is saved as a draft.
notice-programme-submit = The programme is submitted for review.
notice-programme-approve = The programme is approved.
notice-programme-return = The programme is returned to its provider.
notice-programme-publish = The programme is published.
notice-programme-retire = The programme is retired.
notice-framework-imported = The framework is imported.

err-title-required-any-language = Please give the title in at least one language.
err-format-required = Please choose a format.
err-format-unknown = Please choose one of the offered formats.
err-categories-required = Please choose who the programme is for.
err-licence-required = Please choose a licence.
err-licence-unknown = Please choose one of the offered licences.
err-competence-unknown = There is no competence { $code }.
err-area-unknown = There is no competence area { $code }.
err-region-unknown = Please choose regions from the list.
err-provider-unknown = Please choose a provider organisation.
err-transition-not-allowed = This cannot be done now: it is { $state }.
err-version-in-review = The programme is being reviewed; it can be changed when the review is over.
err-programme-retired = The programme has been retired.
err-review-own-work = You cannot review a version you wrote.
err-comment-required = Please write a comment.
err-sort-unknown = Please choose one of the offered orders.
err-date-range-invalid = The end must come after the start.
err-release-empty = Please choose at least one version.
err-version-unknown = There is no such version.
err-framework-exists = A framework with the code { $code } already exists.
err-csv-header = The first line must be: { $expected }
err-csv-unreadable = This line could not be read.
err-csv-columns = This line has { $found } columns; { $expected } are needed.
err-csv-kind = "{ $kind }" is not a kind: use framework, area or competence.
err-csv-empty = The file has no rows.
err-csv-framework-first = The framework must be the first row, and only once.
err-csv-duplicate-code = The code { $code } appears twice.
err-csv-area-unknown = There is no area { $area } in this file.
