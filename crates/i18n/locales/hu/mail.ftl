## E-mail-üzenetek, kimenő levelek és a napló.

mail-footer = Guildhall — továbbképzés szakképzésben oktatóknak és trénereknek
mail-confirm-subject = Erősítse meg e-mail-címét
mail-confirm-body = Kedves { $name }!

    Kérjük, erősítse meg e-mail-címét az alábbi hivatkozás megnyitásával:

    { $link }

    A hivatkozás három napig érvényes. Ha nem Ön regisztrált, hagyja figyelmen kívül ezt a levelet.
mail-reset-subject = Új jelszó beállítása
mail-reset-body = Kedves { $name }!

    Valaki új jelszó beállítását kérte a fiókjához. Ehhez nyissa meg az alábbi hivatkozást:

    { $link }

    A hivatkozás két óráig érvényes. Ha nem Ön kérte, hagyja figyelmen kívül ezt a levelet.
mail-invite-subject = Meghívás a Guildhallba
mail-invite-body = Kedves { $name }!

    { $inviter } fiókot hozott létre Önnek. Kezdésként itt válasszon jelszót:

    { $link }

    A hivatkozás tizennégy napig érvényes.

outbox-title = Kimenő levelek
outbox-lead-smtp = A platform által küldött üzenetek és kézbesítésük állapota.
outbox-lead-no-smtp = Nincs beállítva levelezőkiszolgáló, ezért az üzenetek elküldés helyett itt maradnak.
outbox-to = Címzett
outbox-subject = Tárgy
outbox-status-pending = Várakozik
outbox-status-sending = Küldés alatt
outbox-status-sent = Elküldve
outbox-status-failed = Sikertelen

audit-title = Napló
audit-lead = A fiókok, szerepkörök és szervezetek minden változása: ki, mit, mikor és honnan.
audit-when = Mikor
audit-who = Ki
audit-action = Művelet
audit-object = Tárgy
audit-from = Honnan
audit-details = Részletek
audit-actor-id = Személy (azonosító)
audit-object-id = Objektum (azonosító)
audit-system = a rendszer
