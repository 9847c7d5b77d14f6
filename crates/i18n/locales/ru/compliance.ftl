## Соответствие: как люди выполняют требования к повышению квалификации.

nav-compliance = Мои требования
compliance-title = Мои требования к повышению квалификации
compliance-none = На вас не распространяется ни одно правило: правила касаются педагогов и руководителей по типу и стране организации, где они работают.
compliance-status = Состояние
compliance-status-compliant = Выполнено
compliance-status-on-track = По плану
compliance-status-at-risk = Под угрозой
compliance-status-overdue = Просрочено
compliance-cycle = Текущий цикл
compliance-done = Пройдено часов
compliance-needed = Осталось часов
compliance-deadline = Срок
compliance-rule = Правило
compliance-gap-of = Из них { $what }
compliance-programme = Одна программа требуемой длительности
compliance-missed = Цикл, закончившийся { $date }, не выполнен.
compliance-next = Обучение, которое закроет недостающее
compliance-org-link = Повышение квалификации сотрудников
compliance-org-title = Повышение квалификации
compliance-totals = Число людей по состоянию
compliance-group = Группа
compliance-all = Все
compliance-staff = Сотрудники
compliance-sort = Сортировать по
compliance-sort-name = Имя
compliance-sort-status = Состояние, худшие сначала
compliance-sort-deadline = Срок, ближайшие сначала
compliance-sort-needed = Осталось часов, больше сначала
compliance-show = Показать
compliance-csv = Скачать в CSV
compliance-category = Категория слушателя
ledger-source-industry = Стажировка на производстве
yes = Да
no = Нет
err-dates-reversed = Дата окончания раньше даты начала.
err-leave-too-long = Отпуск может длиться не более пяти лет.
err-reason-required = Укажите причину (не более 300 символов).
err-at-risk-range = Порог риска должен быть от 0 до 100 пунктов.
err-cycle-years-range = Цикл длится от 1 до 10 лет.
err-reminder-days-range = Напоминание можно отправить не раньше чем за десять лет до срока.
err-hours-positive = Число часов должно быть больше нуля.
err-rule-incomplete = Правилу нужна хотя бы одна категория слушателей и один источник часов.

## Удостоверения и их проверка.

certificates-title = Мои удостоверения
verify-title = Проверка удостоверения
verify-intro = Введите код, напечатанный на удостоверении под QR-кодом, чтобы проверить, действительно ли оно.
verify-malformed = Это не код удостоверения: код состоит из десяти букв и цифр, например 7KX4P-M2QRT.
verify-unknown = Удостоверения с таким кодом нет.
verify-status-valid = Действительно
verify-status-revoked = Отозвано
verify-status-replaced = Заменено исправленным удостоверением
verify-since = С { $date }
verify-reason-completion-withdrawn = завершение отменено после исправления посещаемости
verify-reason-reissued = выдано исправленное удостоверение
verify-replacement = Удостоверение, которое его заменяет
verify-serial = Номер
verify-holder = Владелец
verify-programme = Программа
verify-version = версия { $n }
verify-completed = Дата завершения
verify-provider = Организатор
verify-issued = Выдано
verify-qr = QR-код этой страницы
verify-credential = Подписанное цифровое удостоверение (Open Badges 3.0)
verify-code = Код удостоверения
verify-check = Проверить
err-certificate-not-valid = Это удостоверение больше не действительно.
err-certificate-current-exists = Для этого завершения уже есть действительное удостоверение.
err-not-completed = Обучение не завершено.

## Признание внешнего обучения.

err-value-unknown = Выберите один из предложенных вариантов.
err-title-required = Укажите название (не более 300 символов).
err-provider-required = Укажите организатора (не более 300 символов).
err-evidence-required = Приложите подтверждающий документ в формате PDF, JPEG или PNG.
err-evidence-too-large = Файл слишком большой: не более { $max } МБ.
err-evidence-type = Файл должен быть в формате PDF, JPEG или PNG.
err-own-recognition = Никто не может решать по собственной заявке.
err-already-decided = Решение уже принято.
recognition-title = Признание внешнего обучения
recognition-new = Подать обучение, пройденное в другом месте
recognition-kind = Что это было
recognition-kind-training = Обучение или курс у другого организатора
recognition-kind-industry = Стажировка на производстве
recognition-provider = Организатор или предприятие
recognition-starts = Первый день
recognition-ends = Последний день
recognition-evidence = Подтверждение (PDF, JPEG или PNG, не более 10 МБ)
recognition-competences-hint = Коды компетенций через запятую, например DIGCOMPEDU:2.3 (необязательно).
recognition-submit = Подать на признание
recognition-mine = Мои заявки
recognition-queue = Заявки на рассмотрение
recognition-queue-empty = Нет заявок, ожидающих решения.
recognition-status-pending = Ожидает решения
recognition-status-approved = Признано
recognition-status-rejected = Отклонено
recognition-approve = Признать
recognition-reject = Отклонить
recognition-reason = Причина отказа
recognition-person = Сотрудник
recognition-file = Файл
notice-recognition-submitted = Заявка получена; решение появится здесь.
notice-recognition-decided = Решение записано.
nav-recognitions = Признание обучения
pdf-heading = Удостоверение
pdf-certifies = Настоящим удостоверяется, что
pdf-completed = прошёл(ла) обучение по программе повышения квалификации
pdf-verify-at = Проверить удостоверение можно по адресу
certificate-pdf = Скачать удостоверение (PDF)
certificates-none = У вас пока нет удостоверений: оно выдаётся по завершении обучения.
compliance-history = Выполнение требований за последние двенадцать месяцев
compliance-history-label = Доля выполнивших требования, идущих по плану, отстающих и просрочивших на конец каждого из последних двенадцати месяцев и на сегодня
compliance-month = Конец месяца
compliance-today = Сегодня
compliance-xlsx = Скачать таблицу (XLSX)
mail-compliance-reminder-subject = Осталось { $days } дн. до срока по часам повышения квалификации
mail-compliance-reminder-body = Здравствуйте, { $name }!

    По правилу «{ $rule }» до { $deadline } вам нужно пройти ещё { $hours } ч обучения (через { $days } дн.). В прежнем темпе вы можете не успеть.

    Ваше положение и программы со свободными местами, которые закроют разрыв:

    { $link }
mail-compliance-digest-subject = Выполнение требований: { $organisation }, { $month }
mail-compliance-digest-body = Здравствуйте, { $name }!

    Положение с часами повышения квалификации у { $people } сотрудников организации «{ $organisation }»:

    выполнили: { $compliant }
    идут по плану: { $ontrack }
    отстают: { $atrisk }
    просрочили: { $overdue }

    Список всех, со сроками и недостающими часами:

    { $link }
