## A szervezeti fa.

orgs-title = Szervezetek
org-new-title = Új szervezet
org-new-country = Ország hozzáadása
org-new-under = Ide fog tartozni: { $parent }.
org-create = Létrehozás
org-edit = Szerkesztés
org-children = Ide tartozik
org-add-child = Új: { $kind }
org-members = Tagok
org-names-hint = Adja meg a nevet legalább egy nyelven; mindenki a saját nyelvén látja, vagy ha az hiányzik, egy másikon.
field-time-zone = Időzóna
time-zone-hint = Nem kötelező, régiónak vagy országnak: IANA-név, például Europe/Budapest. Képzései ezt az időt követik; ha üres, a fölötte lévő szintét.
