## The organisation tree.

orgs-title = Organisations
org-new-title = New organisation
org-new-country = Add a country
org-new-under = It will belong to { $parent }.
org-create = Create
org-edit = Edit
org-children = Belonging here
org-add-child = Add: { $kind }
org-members = Members
org-names-hint = Give the name in at least one language; people see it in theirs, or in another when it is missing.
field-time-zone = Time zone
time-zone-hint = Optional, for a region or country: an IANA name such as Europe/Budapest. Its sessions keep this time; without one, the parent’s.
