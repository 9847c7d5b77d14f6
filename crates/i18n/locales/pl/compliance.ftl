## Zgodność: jak ludzie wypełniają wymagania doskonalenia zawodowego.

nav-compliance = Moje obowiązki doskonalenia
compliance-title = Moje obowiązki doskonalenia
compliance-none = Nie obejmuje Cię żadna reguła: reguły dotyczą nauczycieli i kadry kierowniczej według rodzaju i kraju placówki, w której pracują.
compliance-status = Stan
compliance-status-compliant = Spełnione
compliance-status-on-track = Zgodnie z planem
compliance-status-at-risk = Zagrożone
compliance-status-overdue = Po terminie
compliance-cycle = Bieżący cykl
compliance-done = Zrealizowane godziny
compliance-needed = Brakujące godziny
compliance-deadline = Termin
compliance-rule = Reguła
compliance-gap-of = W tym { $what }
compliance-programme = Jeden program o wymaganej długości
compliance-missed = Cykl zakończony { $date } nie został wypełniony.
compliance-next = Szkolenia, które uzupełnią brak
compliance-org-link = Doskonalenie pracowników
compliance-org-title = Doskonalenie zawodowe
compliance-totals = Liczba osób według stanu
compliance-group = Grupa
compliance-all = Wszyscy
compliance-staff = Pracownicy
compliance-sort = Sortuj według
compliance-sort-name = Nazwisko
compliance-sort-status = Stan, najgorszy najpierw
compliance-sort-deadline = Termin, najbliższy najpierw
compliance-sort-needed = Brakujące godziny, najwięcej najpierw
compliance-show = Pokaż
compliance-csv = Pobierz jako CSV
compliance-category = Kategoria uczestnika
ledger-source-industry = Szkolenie branżowe
yes = Tak
no = Nie
err-dates-reversed = Data końcowa jest wcześniejsza niż początkowa.
err-leave-too-long = Urlop może trwać najwyżej pięć lat.
err-reason-required = Podaj powód (najwyżej 300 znaków).
err-at-risk-range = Próg zagrożenia musi mieścić się między 0 a 100 punktów.
err-cycle-years-range = Cykl trwa od 1 do 10 lat.
err-reminder-days-range = Przypomnienie można wysłać najwyżej dziesięć lat przed terminem.
err-hours-positive = Liczba godzin musi być większa od zera.
err-rule-incomplete = Reguła wymaga co najmniej jednej kategorii uczestników i jednego źródła godzin.

## Zaświadczenia i ich weryfikacja.

certificates-title = Moje zaświadczenia
verify-title = Sprawdź zaświadczenie
verify-intro = Wpisz kod wydrukowany na zaświadczeniu pod kodem QR, aby sprawdzić, czy jest ważne.
verify-malformed = To nie jest kod zaświadczenia: kod ma dziesięć liter i cyfr, na przykład 7KX4P-M2QRT.
verify-unknown = Nie ma zaświadczenia o tym kodzie.
verify-status-valid = Ważne
verify-status-revoked = Unieważnione
verify-status-replaced = Zastąpione poprawionym zaświadczeniem
verify-since = Od { $date }
verify-reason-completion-withdrawn = ukończenie cofnięto po korekcie obecności
verify-reason-reissued = wydano poprawione zaświadczenie
verify-replacement = Zobacz zaświadczenie, które je zastępuje
verify-serial = Numer
verify-holder = Posiadacz
verify-programme = Program
verify-version = wersja { $n }
verify-completed = Data ukończenia
verify-provider = Organizator
verify-issued = Wydano
verify-qr = Kod QR tej strony
verify-credential = Podpisane poświadczenie cyfrowe (Open Badges 3.0)
verify-code = Kod zaświadczenia
verify-check = Sprawdź
err-certificate-not-valid = To zaświadczenie nie jest już ważne.
err-certificate-current-exists = To ukończenie ma już ważne zaświadczenie.
err-not-completed = Szkolenie nie zostało ukończone.

## Uznawanie kształcenia zewnętrznego.

err-value-unknown = Wybierz jedną z proponowanych możliwości.
err-title-required = Podaj tytuł (najwyżej 300 znaków).
err-provider-required = Podaj organizatora (najwyżej 300 znaków).
err-evidence-required = Dołącz dokument potwierdzający jako PDF, JPEG lub PNG.
err-evidence-too-large = Plik jest za duży: najwyżej { $max } MB.
err-evidence-type = Plik musi być w formacie PDF, JPEG lub PNG.
err-own-recognition = Nikt nie może zatwierdzić ani odrzucić własnego wniosku.
err-already-decided = O tym już zdecydowano.
recognition-title = Uznawanie kształcenia zewnętrznego
recognition-new = Zgłoś szkolenie odbyte gdzie indziej
recognition-kind = Rodzaj
recognition-kind-training = Szkolenie lub kurs u innego organizatora
recognition-kind-industry = Szkolenie branżowe u pracodawcy
recognition-provider = Organizator lub firma
recognition-starts = Pierwszy dzień
recognition-ends = Ostatni dzień
recognition-evidence = Dokument (PDF, JPEG lub PNG, najwyżej 10 MB)
recognition-competences-hint = Kody kompetencji oddzielone przecinkami, np. DIGCOMPEDU:2.3 (opcjonalnie).
recognition-submit = Zgłoś do uznania
recognition-mine = Moje zgłoszenia
recognition-queue = Zgłoszenia do rozpatrzenia
recognition-queue-empty = Nic nie czeka na decyzję.
recognition-status-pending = Czeka na decyzję
recognition-status-approved = Uznane
recognition-status-rejected = Odrzucone
recognition-approve = Uznaj
recognition-reject = Odrzuć
recognition-reason = Powód odrzucenia
recognition-person = Osoba
recognition-file = Plik
notice-recognition-submitted = Zgłoszenie zostało przyjęte; decyzję zobaczysz tutaj.
notice-recognition-decided = Decyzja została zapisana.
nav-recognitions = Uznawanie
pdf-heading = Zaświadczenie
pdf-certifies = Zaświadcza się, że
pdf-completed = ukończył(a) program doskonalenia zawodowego
pdf-verify-at = Sprawdź to zaświadczenie pod adresem
certificate-pdf = Pobierz zaświadczenie (PDF)
certificates-none = Nie masz jeszcze zaświadczeń: otrzymasz je po ukończeniu szkolenia.
compliance-history = Spełnianie wymagań w ostatnich dwunastu miesiącach
compliance-history-label = Odsetek osób spełniających wymagania, na dobrej drodze, zagrożonych i po terminie na koniec każdego z ostatnich dwunastu miesięcy i dziś
compliance-month = Koniec miesiąca
compliance-today = Dziś
compliance-xlsx = Pobierz jako arkusz (XLSX)
mail-compliance-reminder-subject = Zostało { $days } dni na uzupełnienie godzin szkoleń
mail-compliance-reminder-body = { $name },

    zgodnie z zasadą „{ $rule }” do { $deadline } brakuje jeszcze { $hours } godz. szkoleń (to { $days } dni od dziś). W dotychczasowym tempie może się nie udać.

    Stan i szkolenia z wolnymi miejscami, które uzupełnią brak:

    { $link }
mail-compliance-digest-subject = Spełnianie wymagań: { $organisation }, { $month }
mail-compliance-digest-body = { $name },

    stan godzin doskonalenia { $people } osób pracujących w: { $organisation }

    spełnia: { $compliant }
    na dobrej drodze: { $ontrack }
    zagrożeni: { $atrisk }
    po terminie: { $overdue }

    Lista wszystkich, z terminami i brakującymi godzinami:

    { $link }
