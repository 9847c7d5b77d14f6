## Wiadomości e-mail, skrzynka nadawcza i dziennik zdarzeń.

mail-footer = { $brand } — doskonalenie zawodowe nauczycieli i instruktorów kształcenia zawodowego
mail-confirm-subject = Potwierdź swój adres e-mail
mail-confirm-body = { $name },

    potwierdź, proszę, swój adres e-mail, otwierając ten odnośnik:

    { $link }

    Odnośnik jest ważny przez trzy dni. Jeśli to nie Ty się rejestrowałeś, zignoruj tę wiadomość.
mail-reset-subject = Ustaw nowe hasło
mail-reset-body = { $name },

    ktoś poprosił o ustawienie nowego hasła do Twojego konta. Aby to zrobić, otwórz ten odnośnik:

    { $link }

    Odnośnik jest ważny przez dwie godziny. Jeśli to nie Ty, zignoruj tę wiadomość.
mail-invite-subject = Zaproszenie do { $brand }
mail-invite-body = 
    { $name },

    { $inviter } zaprasza Cię do dołączenia do: { $organisations } w { $brand }. Wybierz hasło tutaj, a potem przyjmij zaproszenie na swoim koncie:

    { $link }

    Odnośnik jest ważny przez czternaście dni.
outbox-title = Skrzynka nadawcza
outbox-lead-smtp = Wiadomości wysyłane przez platformę i informacja, czy zostały doręczone. Odnośniki do logowania, potwierdzania i zmiany hasła nigdy nie są tu pokazywane.
outbox-lead-no-smtp = Serwer poczty nie jest skonfigurowany: wiadomości są zapisywane jako pliki w folderze mail w folderze danych. Odnośniki do logowania, potwierdzania i zmiany hasła nigdy nie są tu pokazywane.
outbox-to = Odbiorca
outbox-subject = Temat
outbox-status-pending = Oczekuje
outbox-status-sending = Wysyłanie
outbox-status-sent = Wysłano
outbox-status-failed = Niepowodzenie

audit-title = Dziennik zdarzeń
audit-lead = Każda zmiana kont, ról i organizacji: kto, co, kiedy i skąd.
audit-when = Kiedy
audit-who = Kto
audit-action = Działanie
audit-object = Obiekt
audit-from = Skąd
audit-details = Szczegóły
audit-actor-id = Osoba (identyfikator)
audit-object-id = Obiekt (identyfikator)
audit-system = system
mail-secret-removed = [odnośnik został tu usunięty; zawiera go tylko doręczona wiadomość]
mail-invite-existing-subject = Zaproszenie do organizacji
mail-invite-existing-body = 
    { $name },

    { $inviter } zaprasza Cię do: { $organisations } w { $brand }. Zaloguj się i przyjmij lub odrzuć zaproszenie tutaj:

    { $link }
mail-register-existing-subject = Ktoś próbował zarejestrować się Twoim adresem
mail-register-existing-body = 
    { $name },

    ktoś próbował założyć konto w { $brand } na ten adres, który ma już konto. Jeśli to Ty, zaloguj się:

    { $login }

    Jeśli nie pamiętasz hasła, ustaw nowe tutaj:

    { $link }

    Jeśli to nie Ty, nie musisz nic robić: nowe konto nie powstało.
mail-login-attempts-subject = Nieudane próby logowania na Twoje konto
mail-login-attempts-body = 
    { $name },

    było kilka nieudanych prób zalogowania się na Twoje konto, ostatnia z adresu { $address }. Kolejne próby z tego adresu muszą teraz czekać za każdym razem nieco dłużej; logowania z przeglądarki, w której już logowano się na to konto, to nie spowalnia.

    Jeśli to Ty i nie pamiętasz hasła, ustaw nowe tutaj:

    { $link }

    Jeśli to nie Ty, nikt się nie zalogował; nie musisz nic robić.
mail-password-changed-subject = Twoje hasło zostało zmienione
mail-password-changed-body = 
    { $name },

    hasło do Twojego konta w { $brand } zostało właśnie zmienione. { $sessions ->
        [one] Zakończyliśmy jedną inną sesję
        [few] Zakończyliśmy { $sessions } inne sesje
        [many] Zakończyliśmy { $sessions } innych sesji
       *[other] Zakończyliśmy { $sessions } innej sesji
    } i { $tokens ->
        [one] unieważniliśmy jeden token API.
        [few] unieważniliśmy { $tokens } tokeny API.
        [many] unieważniliśmy { $tokens } tokenów API.
       *[other] unieważniliśmy { $tokens } tokenu API.
    }

    Jeśli to nie Ty, od razu ustaw nowe hasło:

    { $link }
mail-membership-requested-subject = { $learner } prosi o dołączenie do: { $organisation }
mail-membership-requested-body = 
    { $name },

    Nowa osoba w { $brand }, { $learner }, podaje, że pracuje w: { $organisation }. Przyjmij lub odrzuć prośbę tutaj:

    { $link }
mail-membership-accepted-subject = Należysz teraz do: { $organisation }
mail-membership-accepted-body = 
    { $name },

    { $organisation } przyjmuje Twoją prośbę o dołączenie. Twoje szkolenia i godziny są teraz tam liczone.

    { $link }
mail-membership-declined-subject = Prośba o dołączenie do: { $organisation } została odrzucona
mail-membership-declined-body = 
    { $name },

    { $organisation } odrzuca Twoją prośbę o dołączenie. Jeśli tam pracujesz, poproś dyrekcję placówki o zaproszenie.

    { $link }
