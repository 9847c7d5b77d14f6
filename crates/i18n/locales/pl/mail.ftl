## Wiadomości e-mail, skrzynka nadawcza i dziennik zdarzeń.

mail-footer = Guildhall — doskonalenie zawodowe nauczycieli i instruktorów kształcenia zawodowego
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
mail-invite-subject = Zaproszenie do Guildhall
mail-invite-body = { $name },

    { $inviter } założył(a) dla Ciebie konto. Na początek wybierz hasło tutaj:

    { $link }

    Odnośnik jest ważny przez czternaście dni.

outbox-title = Skrzynka nadawcza
outbox-lead-smtp = Wiadomości wysyłane przez platformę i stan ich doręczenia.
outbox-lead-no-smtp = Nie skonfigurowano serwera poczty, więc wiadomości są przechowywane tutaj zamiast wysyłania.
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
