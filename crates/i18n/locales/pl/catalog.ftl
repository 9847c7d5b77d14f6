## Katalog: wyszukiwanie, programy, ocena, ramy kompetencji, wydania.

nav-catalogue = Katalog
nav-mine = Moje programy
nav-reviews = Oceny
catalogue-title = Katalog szkoleń
catalogue-search-label = Szukaj programów
catalogue-search = Szukaj
catalogue-filters = Filtry
catalogue-clear = Wyczyść wszystkie filtry
catalogue-sort = Sortuj według
catalogue-sessions = Edycje
catalogue-free-seats = Z wolnymi miejscami
catalogue-starts-from = Rozpoczęcie od
catalogue-starts-to = Rozpoczęcie do
catalogue-nothing = Żaden program nie pasuje. Spróbuj mniej słów lub filtrów.
sort-relevance = Najlepsze dopasowanie
sort-title = Tytuł
sort-newest = Najnowsze najpierw
sort-hours = Najkrótsze najpierw
sort-hours-desc = Najdłuższe najpierw
hours-min = Co najmniej
hours-max = Najwyżej
badge-new = Nowe
programmes-count = { $count ->
    [one] { $count } program
    [few] { $count } programy
    [many] { $count } programów
   *[other] { $count } programu
}
hours-count = { $count ->
    [one] { $count } godzina
    [few] { $count } godziny
    [many] { $count } godzin
   *[other] { $count } godziny
}
days-count = { $count ->
    [one] { $count } dzień
    [few] { $count } dni
    [many] { $count } dni
   *[other] { $count } dnia
}

field-title = Tytuł
field-description = Opis
field-outcomes = Efekty uczenia się
field-prerequisites = Wymagania wstępne
field-hours = Liczba godzin
field-format = Forma
field-delivery-language = Język prowadzenia
field-categories = Dla kogo
field-competences = Kompetencje
field-area = Obszar kompetencji
field-region = Region
field-regions = Dostępne w
field-provider = Organizator
field-follow-up = Okres wsparcia po szkoleniu (dni)
field-attendance-pct = Wymagana frekwencja (%)
field-licence = Licencja materiałów
field-version = Wersja
field-notes = Uwagi
field-release-name = Nazwa wydania
follow-up-hint = Co najmniej 30 dni: przestrzeń wsparcia pozostaje otwarta tak długo po szkoleniu.
assessment-required = Do ukończenia potrzebna jest zaliczona ocena
programme-langs-hint = Podaj tytuł co najmniej w jednym języku; pozostałe uzupełnij, jeśli możesz.
programme-details = Szczegóły

format-in-person = Stacjonarnie
format-online-live = Online, na żywo
format-blended = Mieszana (blended)
format-self-paced = We własnym tempie
licence-educational-attribution = Wykorzystanie edukacyjne z podaniem źródła
licence-written-permission = Wykorzystanie elektroniczne tylko za pisemną zgodą
licence-cc-by = Creative Commons Uznanie autorstwa
licence-cc-by-sa = Creative Commons Uznanie autorstwa – Na tych samych warunkach
licence-cc-by-nc = Creative Commons Uznanie autorstwa – Użycie niekomercyjne
licence-all-rights-reserved = Wszelkie prawa zastrzeżone
version-state-draft = Projekt
version-state-submitted = Przekazany do oceny
version-state-approved = Zatwierdzony
version-state-published = Opublikowany
version-state-superseded = Zastąpiony
version-state-retired = Wycofany

programme-new-title = Nowy program
programme-edit-title = Edycja programu
programme-retired = Ten program został wycofany i nie jest już oferowany.
programme-actions = Działania
programme-edit = Edytuj
programme-submit = Przekaż do oceny
programme-approve = Zatwierdź
programme-return = Zwróć z uwagami
programme-publish = Opublikuj
programme-retire = Wycofaj
pending-version = Wersja { $version }
review-comment = Uwagi oceniającego
review-comment-required = Uwagi (wymagane przy zwrocie)
versions-title = Wersje
updated = Zmieniono
mine-title = Moje programy
mine-lead = Programy organizatorów, dla których pracujesz, z ich najnowszą wersją.
reviews-title = Programy do oceny
reviews-lead = Wersje przekazane do oceny jakości. Nie możesz oceniać własnej pracy.

frameworks-title = Ramy kompetencji
frameworks-lead = Ramy, do których przypisane są programy. Wybierz kompetencję, aby zobaczyć jej programy.
import-title = Import ramy kompetencji
import-lead = Prześlij plik CSV lub wklej jego treść. Pierwszy wiersz to nagłówek; potem jeden wiersz ramy, jej obszary i kompetencje, każda z kodem swojego obszaru:
import-file = Plik CSV
import-paste = Albo wklej tutaj CSV
import-submit = Importuj

releases-title = Wydania katalogu
releases-new-since = Nowości od ostatniego wydania
releases-all = Wszystkie wydania
release-new-title = Opublikuj wydanie
release-new-lead = Opublikuj razem zatwierdzone wersje pod jedną nazwą.
release-name-hint = Na przykład: katalog wiosna 2027
release-versions = Zatwierdzone wersje do opublikowania
release-none-approved = Żadne zatwierdzone wersje nie czekają.
release-publish = Opublikuj wydanie

notice-programme-created = Program został zapisany jako projekt.
notice-programme-submit = Program został przekazany do oceny.
notice-programme-approve = Program został zatwierdzony.
notice-programme-return = Program został zwrócony organizatorowi.
notice-programme-publish = Program został opublikowany.
notice-programme-retire = Program został wycofany.
notice-framework-imported = Rama kompetencji została zaimportowana.

err-title-required-any-language = Podaj tytuł co najmniej w jednym języku.
err-format-required = Wybierz formę.
err-format-unknown = Wybierz jedną z proponowanych form.
err-categories-required = Wskaż, dla kogo jest program.
err-licence-required = Wybierz licencję.
err-licence-unknown = Wybierz jedną z proponowanych licencji.
err-competence-unknown = Nie ma kompetencji { $code }.
err-area-unknown = Nie ma obszaru kompetencji { $code }.
err-region-unknown = Wybierz regiony z listy.
err-provider-unknown = Wybierz organizatora.
err-transition-not-allowed = Nie można tego teraz zrobić: stan to { $state }.
err-version-in-review = Program jest oceniany; można go zmienić po zakończeniu oceny.
err-programme-retired = Program został wycofany.
err-review-own-work = Nie możesz oceniać wersji, którą sam napisałeś.
err-comment-required = Napisz uwagi.
err-sort-unknown = Wybierz jedno z proponowanych sortowań.
err-date-range-invalid = Koniec musi następować po początku.
err-release-empty = Wybierz co najmniej jedną wersję.
err-version-unknown = Nie ma takiej wersji.
err-framework-exists = Rama o kodzie { $code } już istnieje.
err-csv-header = Pierwszy wiersz musi brzmieć: { $expected }
err-csv-unreadable = Nie udało się odczytać tego wiersza.
err-csv-columns = Ten wiersz ma { $found } kolumn; potrzeba { $expected }.
err-csv-kind = „{ $kind }” nie jest rodzajem: użyj framework, area albo competence.
err-csv-empty = Plik nie ma wierszy.
err-csv-framework-first = Rama musi być w pierwszym wierszu i tylko raz.
err-csv-duplicate-code = Kod { $code } występuje dwukrotnie.
err-csv-area-unknown = W tym pliku nie ma obszaru { $area }.
