## Edycje, zapisy, zatwierdzenia, obecność, rejestr godzin i powiadomienia.

nav-trainings = Moje szkolenia
nav-ledger = Moje godziny
nav-approvals = Zatwierdzenia
sessions-title = Edycje szkolenia
sessions-none = Obecnie nie zaplanowano żadnej edycji.
session-new-title = Zaplanuj edycję
session-dates = Terminy
session-seats = Miejsca
seats-free = { $count ->
    [one] { $count } wolne miejsce
    [few] { $count } wolne miejsca
    [many] { $count } wolnych miejsc
   *[other] { $count } wolnego miejsca
}
waiting-count = { $count ->
    [one] { $count } osoba czeka
    [few] { $count } osoby czekają
    [many] { $count } osób czeka
   *[other] { $count } osoby czeka
}
waiting-position = numer { $position } na liście rezerwowej
registration-open = Zapisy otwarte
registration-closed = Zapisy nie są otwarte.
session-registration = Zapisy
session-cancellation = Rezygnacja możliwa do
session-approval = Zatwierdzenie
session-approval-needed = Zapisy zatwierdza dyrektor placówki
session-trainers = Trenerzy
session-meetings = Spotkania
session-meetings-hint = Jedno spotkanie w wierszu; puste wiersze są pomijane. Podaj miejsce, link online lub oba.
session-your-place = Twoje miejsce
session-full-waitlist = Brak miejsc; możesz zapisać się na listę rezerwową.
session-manage = Zarządzanie edycją
session-create = Zaplanuj
session-language-default = Język programu
session-offer-waitlist = Proponuj zwolnione miejsce na pewien czas zamiast od razu potwierdzać następną osobę
session-open-now = Otwórz zapisy teraz
session-who = Kto może się zapisać
session-who-hint = Nie zaznaczaj niczego, aby każdy mógł się zapisać.
field-day = Dzień
field-time = Godzina
field-starts = Początek
field-ends = Koniec
field-place = Miejsce
field-capacity = Liczba miejsc
field-hold-days = Liczba dni rezerwacji miejsca w oczekiwaniu na zatwierdzenie
field-offer-hours = Liczba godzin na przyjęcie zaproponowanego miejsca
field-registration-opens = Otwarcie zapisów
field-registration-closes = Zamknięcie zapisów
registration-opens-hint = Zostaw puste, aby otworzyć teraz.
registration-closes-hint = Zostaw puste: zapisy zamkną się dwanaście godzin przed pierwszym spotkaniem.
online-link = Link online
until = do
completed = ukończone
signup = Zapisz się
signup-waitlist = Zapisz się na listę rezerwową
signup-again = Zapisz się ponownie
signup-login = Zaloguj się, aby się zapisać
offer-accept = Przyjmij miejsce
enrolment-cancel = Zrezygnuj
participants-title = Uczestnicy
attendance-caption = Obecność na spotkaniach i wynik oceny
attendance-minutes = minuty
attendance-save = Zapisz obecność
assessment = Ocena
assessment-pass = Zaliczone
assessment-fail = Niezaliczone
approve = Zatwierdź
decline = Odrzuć
decline-reason = Powód (opcjonalnie)

session-state-planned = Zaplanowana
session-state-open = Zapisy otwarte
session-state-running = W trakcie
session-state-finished = Zakończona
session-state-closed = Zamknięta
session-state-cancelled = Odwołana
session-action-open = Otwórz zapisy
session-action-start = Rozpocznij
session-action-finish = Zakończ i ustal ukończenie
session-action-close = Zamknij
session-action-cancel = Odwołaj edycję
enrolment-status-confirmed = Potwierdzone
enrolment-status-pending-approval = Czeka na zatwierdzenie
enrolment-status-offered = Proponujemy Ci miejsce
enrolment-status-waitlisted = Na liście rezerwowej
enrolment-status-cancelled = Anulowane
enrolment-status-declined = Odrzucone
enrolment-status-expired = Wygasłe
enrolment-status-removed = Usunięte
attendance-present = Obecność
attendance-absent = Nieobecność
attendance-excused = Nieobecność usprawiedliwiona
attendance-partial = Obecność częściowa (minuty)

trainings-title = Moje szkolenia
trainings-none = Nie zapisałeś się jeszcze na żadne szkolenie.
trainings-find = Znajdź szkolenie
approvals-title = Zapisy do zatwierdzenia
approvals-lead = Zapisy Twoich pracowników czekające na Twoją decyzję. Każdy rezerwuje miejsce do podanej daty.
approvals-none = Nic nie czeka na Twoją decyzję.
ledger-title = Moje godziny
ledger-total = Łącznie { $hours } godz.
ledger-empty = Nie zarejestrowano jeszcze żadnych godzin.
ledger-what = Szkolenie
ledger-source = Źródło
ledger-reversal = korekta
ledger-source-session = Edycja szkolenia
ledger-source-recognition = Uznane kształcenie zewnętrzne
ledger-source-correction = Korekta
notifications-title = Powiadomienia
notifications-none = Nie masz powiadomień.

notice-session-created = Edycja została zaplanowana.
notice-session-open = Zapisy są otwarte.
notice-session-start = Edycja się rozpoczęła.
notice-session-finish = Edycja zakończona; ustalono ukończenie.
notice-session-close = Edycja została zamknięta.
notice-session-cancel = Edycja została odwołana; wszyscy zapisani zostali powiadomieni.
notice-signup-confirmed = Jesteś zapisany. Wysłaliśmy potwierdzenie.
notice-signup-waitlisted = Brak miejsc: jesteś na liście rezerwowej.
notice-signup-pending-approval = Rezerwujemy Twoje miejsce, dopóki dyrektor placówki nie zdecyduje.
notice-enrolment-cancel = Twój zapis został anulowany.
notice-enrolment-accept = Miejsce jest Twoje.
notice-enrolment-approve = Zapis został zatwierdzony.
notice-enrolment-decline = Zapis został odrzucony.
notice-enrolment-remove = Uczestnik został usunięty.
notice-attendance-saved = Obecność została zapisana.

err-already-signed-up = Jesteś już zapisany na tę edycję.
err-signup-closed = Zapisy na tę edycję nie są otwarte.
err-category-not-eligible = Ta edycja nie jest przeznaczona dla Twojej kategorii uczestników.
err-region-not-eligible = Ta edycja jest otwarta tylko dla osób z innych regionów.
err-approval-needs-institution = Ta edycja wymaga zatwierdzenia przez dyrektora placówki; poproś najpierw o dodanie do swojej placówki.
err-too-many-pending = Masz już { $max } zapisy czekające na zatwierdzenie.
err-overlapping-session = Masz już miejsce na szkoleniu „{ $title }”, które odbywa się w tym samym czasie. Najpierw zrezygnuj z tamtego miejsca albo wybierz inny termin.
err-cancellation-deadline-passed = Termin rezygnacji minął. Skontaktuj się z trenerem.
err-offer-not-open = Ta propozycja jest już nieaktualna.
err-capacity-below-taken = Zajętych jest już więcej miejsc.
err-attendance-closed = Obecności nie można już zmienić: edycja jest zamknięta.
err-attendance-status-unknown = Wybierz jedno z proponowanych oznaczeń obecności.
err-meeting-unknown = Ta edycja nie ma takiego spotkania.
err-participant-unknown = Ta osoba nie jest potwierdzonym uczestnikiem edycji.
err-programme-not-published = Edycje można planować tylko dla opublikowanego programu.
err-meetings-required = Podaj co najmniej jedno spotkanie.
err-meeting-ends-before-start = Spotkanie musi kończyć się po rozpoczęciu.
err-meeting-place-required = Podaj miejsce lub link online.
err-meetings-overlap = Dwa spotkania nakładają się na siebie.
err-meetings-in-past = Pierwsze spotkanie nie może być w przeszłości.
err-link-invalid-url = Podaj pełny adres zaczynający się od https://.
err-registration-after-start = Zapisy muszą się zakończyć przed pierwszym spotkaniem.
err-trainers-required = Wybierz co najmniej jednego trenera.
err-trainer-unknown = Trenerem może być tylko osoba z rolą trenera.
err-date-invalid = Podaj prawidłową datę.
err-date-in-future = Data nie może być z przyszłości.
err-time-invalid = Podaj godzinę, na przykład 09:30.
err-idempotency-key-invalid = Nagłówek Idempotency-Key musi mieć od 1 do 200 widocznych znaków.

mail-signup-confirmed-subject = Jesteś zapisany: { $title }
mail-signup-confirmed-body = { $name },

    Twoje miejsce na szkoleniu „{ $title }” jest potwierdzone. Szczegóły i terminy spotkań znajdziesz tutaj:

    { $link }
mail-signup-waitlisted-subject = Na liście rezerwowej: { $title }
mail-signup-waitlisted-body = { $name },

    szkolenie „{ $title }” nie ma wolnych miejsc. Jesteś numerem { $position } na liście rezerwowej; damy znać, gdy miejsce będzie Twoje.

    { $link }
mail-signup-pending-subject = Czeka na zatwierdzenie: { $title }
mail-signup-pending-body = { $name },

    rezerwujemy Ci miejsce na szkoleniu „{ $title }”, dopóki dyrektor placówki nie zdecyduje.

    { $link }
mail-approval-requested-subject = Zapis do zatwierdzenia: { $learner }
mail-approval-requested-body = { $name },

    { $learner } zapisał(a) się na szkolenie „{ $title }”, które wymaga Twojego zatwierdzenia. Zdecyduj tutaj:

    { $link }
mail-signup-promoted-subject = Miejsce jest Twoje: { $title }
mail-signup-promoted-body = { $name },

    na szkoleniu „{ $title }” zwolniło się miejsce i teraz jest Twoje.

    { $link }
mail-signup-promoted-pending-subject = Rezerwujemy Ci miejsce: { $title }
mail-signup-promoted-pending-body = { $name },

    na szkoleniu „{ $title }” zwolniło się miejsce. Rezerwujemy je dla Ciebie, dopóki dyrektor placówki nie zdecyduje.

    { $link }
mail-seat-offered-subject = Proponujemy Ci miejsce: { $title }
mail-seat-offered-body = { $name },

    na szkoleniu „{ $title }” zwolniło się miejsce. Przyjmij je w terminie podanym na stronie edycji:

    { $link }
mail-signup-removed-subject = Usunięto z listy: { $title }
mail-signup-removed-body = { $name },

    zostałeś usunięty z listy uczestników szkolenia „{ $title }”. W razie pytań skontaktuj się z trenerem.

    { $link }
mail-signup-approved-subject = Zatwierdzono: { $title }
mail-signup-approved-body = { $name },

    Twój zapis na szkolenie „{ $title }” został zatwierdzony. { $note }

    { $link }
mail-signup-declined-subject = Nie zatwierdzono: { $title }
mail-signup-declined-body = { $name },

    Twój zapis na szkolenie „{ $title }” nie został zatwierdzony. { $note }

    { $link }
mail-session-cancelled-subject = Odwołane: { $title }
mail-session-cancelled-body = { $name },

    przykro nam: edycja szkolenia „{ $title }”, na którą się zapisałeś, została odwołana.

    { $link }
mail-training-completed-subject = Ukończono: { $title }
mail-training-completed-body = { $name },

    ukończyłeś szkolenie „{ $title }”. Do Twojego rejestru doskonalenia zawodowego dodano { $hours } godz.

    { $link }
mail-hold-expired-subject = Rezerwacja wygasła: { $title }
mail-hold-expired-body = { $name },

    miejsce zarezerwowane dla Ciebie na szkoleniu „{ $title }” wygasło i zostanie zaproponowane następnej osobie.

    { $link }
mail-session-reminder-subject = Jutro: { $title }
mail-session-reminder-body = { $name },

    przypominamy: szkolenie „{ $title }” rozpoczyna się { $date }.

    { $link }
online-link-hidden = Online (link widzą uczestnicy)
notifications-mark-read = Oznacz wszystkie jako przeczytane
err-session-not-over = Szkolenia nie można zakończyć przed rozpoczęciem ostatniego spotkania ({ $starts }).
err-meeting-not-begun = Obecność można odnotować tylko dla spotkań, które się zaczęły; jedno z nich zaczyna się { $starts }.
err-trainer-not-of-provider = Prowadzący musi mieć rolę prowadzącego u organizatora tego programu.
err-attendance-minutes-out-of-range = { $name }, { $day }: liczba minut obecności musi mieścić się między 1 a { $max }; przy obecności przez całe spotkanie wybierz „Obecność”.
session-run-title = Prowadzenie szkolenia
session-action-help-open = Otwiera zapisy w wyznaczonym terminie zapisów.
session-action-help-start = Gdy zaczyna się pierwsze spotkanie: potem odnotujesz obecność na każdym rozpoczętym spotkaniu.
session-action-help-finish = Po rozpoczęciu ostatniego spotkania: ukończenie wynika z obecności, godziny są zaliczane, a zaświadczenia wystawiane. Obecność można poprawiać aż do zamknięcia.
session-action-help-close = Definitywnie kończy poprawianie obecności.
session-action-help-cancel = Odwołuje szkolenie; wszyscy zapisani otrzymają wiadomość.
session-state-help-planned = Zaplanowane: zapisy jeszcze nie są otwarte.
session-state-help-open = Otwarte na zapisy. Rozpocznij je, gdy zacznie się pierwsze spotkanie.
session-state-help-running = W toku.
session-state-help-finished = Zakończone: ukończenie ustalone; obecność można poprawiać do zamknięcia.
session-state-help-closed = Zamknięte: dane są ostateczne.
session-state-help-cancelled = Odwołane.
attendance-title = Obecność
attendance-meetings = Spotkania
attendance-not-begun = jeszcze się nie zaczęło
attendance-recorded = odnotowana
attendance-due = do odnotowania
attendance-opens-later = Obecność na tym spotkaniu można odnotować po jego rozpoczęciu.
session-you-teach = Prowadzisz to szkolenie.
teaching-title = Prowadzone przeze mnie szkolenia
teaching-lead = Twoje szkolenia: rozpocznij je, gdy zaczyna się pierwsze spotkanie, po każdym spotkaniu odnotuj obecność, a po ostatnim zakończ szkolenie.
teaching-none = Nie prowadzisz obecnie żadnego szkolenia.
teaching-next = Dalej
teaching-attendance-due = { $count ->
        [one] Obecność do odnotowania: 1 spotkanie
        [few] Obecność do odnotowania: { $count } spotkania
        [many] Obecność do odnotowania: { $count } spotkań
       *[other] Obecność do odnotowania: { $count } spotkania
    }
