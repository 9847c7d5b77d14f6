## Drzewo organizacji.

orgs-title = Organizacje
org-new-title = Nowa organizacja
org-new-country = Dodaj kraj
org-new-under = Będzie należeć do: { $parent }.
org-create = Utwórz
org-edit = Edycja
org-children = Należą tutaj
org-add-child = Dodaj: { $kind }
org-members = Członkowie
org-names-hint = Podaj nazwę w co najmniej jednym języku; każdy zobaczy ją w swoim języku, a jeśli jej brak — w innym.
field-time-zone = Strefa czasowa
time-zone-hint = Opcjonalnie, dla regionu lub kraju: nazwa IANA, np. Europe/Warsaw. Jego szkolenia używają tego czasu; bez niej — czasu jednostki nadrzędnej.
