## Потоки, записи, согласования, посещаемость, учёт часов и уведомления.

nav-trainings = Моё обучение
nav-ledger = Мои часы
nav-approvals = Согласования
sessions-title = Потоки
sessions-none = Сейчас потоки не запланированы.
session-new-title = Запланировать поток
session-dates = Даты
session-seats = Места
seats-free = { $count ->
    [one] { $count } свободное место
    [few] { $count } свободных места
    [many] { $count } свободных мест
   *[other] { $count } свободного места
}
waiting-count = { $count ->
    [one] { $count } в очереди
    [few] { $count } в очереди
    [many] { $count } в очереди
   *[other] { $count } в очереди
}
waiting-position = { $position }-й в очереди
registration-open = Идёт запись
registration-closed = Запись закрыта.
session-registration = Запись
session-cancellation = Отказаться можно до
session-approval = Согласование
session-approval-needed = Запись согласует руководитель организации
session-trainers = Преподаватели
session-meetings = Занятия
session-meetings-hint = Одно занятие в строке; пустые строки не учитываются. Укажите место, ссылку для онлайн-участия или и то и другое.
session-your-place = Ваше место
session-full-waitlist = Мест нет; можно встать в очередь.
session-manage = Управление потоком
session-create = Запланировать
session-language-default = Язык программы
session-offer-waitlist = Предлагать освободившееся место на время, а не сразу подтверждать следующего
session-open-now = Открыть запись сейчас
session-who = Кто может записаться
session-who-hint = Ничего не отмечайте, чтобы записаться мог любой.
field-day = День
field-time = Время
field-starts = Начало
field-ends = Окончание
field-place = Место
field-capacity = Мест
field-hold-days = Сколько дней место держится до согласования
field-offer-hours = Сколько часов даётся, чтобы принять предложенное место
field-registration-opens = Начало записи
field-registration-closes = Окончание записи
registration-opens-hint = Оставьте пустым, чтобы открыть сейчас.
registration-closes-hint = Оставьте пустым: запись закроется за двенадцать часов до первого занятия.
online-link = Ссылка для онлайн-участия
until = до
completed = завершено
signup = Записаться
signup-waitlist = Встать в очередь
signup-again = Записаться снова
signup-login = Войдите, чтобы записаться
offer-accept = Принять место
enrolment-cancel = Отказаться
participants-title = Слушатели
attendance-caption = Посещаемость по занятиям и итоговая аттестация
attendance-minutes = минут
attendance-save = Сохранить посещаемость
assessment = Аттестация
assessment-pass = Зачтено
assessment-fail = Не зачтено
approve = Согласовать
decline = Отклонить
decline-reason = Причина (необязательно)

session-state-planned = Запланирован
session-state-open = Идёт запись
session-state-running = Идёт обучение
session-state-finished = Обучение завершено
session-state-closed = Закрыт
session-state-cancelled = Отменён
session-action-open = Открыть запись
session-action-start = Начать
session-action-finish = Завершить и подвести итоги
session-action-close = Закрыть
session-action-cancel = Отменить поток
enrolment-status-confirmed = Подтверждено
enrolment-status-pending-approval = Ждёт согласования
enrolment-status-offered = Вам предложено место
enrolment-status-waitlisted = В очереди
enrolment-status-cancelled = Отменено
enrolment-status-declined = Отклонено
enrolment-status-expired = Истекло
enrolment-status-removed = Исключён
attendance-present = Присутствие
attendance-absent = Отсутствие
attendance-excused = Отсутствие по уважительной причине
attendance-partial = Частичное присутствие (минуты)

trainings-title = Моё обучение
trainings-none = Вы ещё не записывались на обучение.
trainings-find = Найти обучение
approvals-title = Записи на согласование
approvals-lead = Записи ваших сотрудников, ждущие вашего решения. Каждая держит место до указанной даты.
approvals-none = Ничего не ждёт вашего решения.
ledger-title = Мои часы
ledger-total = Всего { $hours } ч
ledger-empty = Часов пока нет.
ledger-what = Обучение
ledger-source = Источник
ledger-reversal = исправление
ledger-source-session = Поток обучения
ledger-source-recognition = Зачтённое внешнее обучение
ledger-source-correction = Исправление
notifications-title = Уведомления
notifications-none = Уведомлений нет.

notice-session-created = Поток запланирован.
notice-session-open = Запись открыта.
notice-session-start = Обучение началось.
notice-session-finish = Обучение завершено; итоги подведены.
notice-session-close = Поток закрыт.
notice-session-cancel = Поток отменён; все записавшиеся уведомлены.
notice-signup-confirmed = Вы записаны. Подтверждение отправлено.
notice-signup-waitlisted = Мест нет: вы в очереди.
notice-signup-pending-approval = Место держится за вами, пока руководитель принимает решение.
notice-enrolment-cancel = Ваша запись отменена.
notice-enrolment-accept = Место ваше.
notice-enrolment-approve = Запись согласована.
notice-enrolment-decline = Запись отклонена.
notice-enrolment-remove = Слушатель исключён.
notice-attendance-saved = Посещаемость сохранена.

err-already-signed-up = Вы уже записаны на этот поток.
err-signup-closed = Запись на этот поток закрыта.
err-category-not-eligible = Этот поток не предназначен для вашей категории слушателей.
err-region-not-eligible = На этот поток могут записаться только жители других регионов.
err-approval-needs-institution = Для этого потока нужно согласование руководителя; сначала попросите добавить вас в вашу организацию.
err-too-many-pending = У вас уже { $max } записи ждут согласования.
err-overlapping-session = Вы уже записаны на «{ $title }», которое проходит в то же время. Сначала откажитесь от того места или выберите другую дату.
err-cancellation-deadline-passed = Срок отказа прошёл. Свяжитесь с преподавателем.
err-offer-not-open = Это предложение уже неактуально.
err-capacity-below-taken = Занято уже больше мест.
err-attendance-closed = Посещаемость больше нельзя изменить: поток закрыт.
err-attendance-status-unknown = Выберите одну из предложенных отметок.
err-meeting-unknown = В этом потоке нет такого занятия.
err-participant-unknown = Этот человек не подтверждённый слушатель потока.
err-programme-not-published = Потоки можно планировать только для опубликованной программы.
err-meetings-required = Укажите хотя бы одно занятие.
err-meeting-ends-before-start = Занятие должно заканчиваться после начала.
err-meeting-place-required = Укажите место или ссылку для онлайн-участия.
err-meetings-overlap = Два занятия пересекаются по времени.
err-meetings-in-past = Первое занятие не может быть в прошлом.
err-link-invalid-url = Укажите полный адрес, начинающийся с https://.
err-registration-after-start = Запись должна закончиться до первого занятия.
err-trainers-required = Выберите хотя бы одного преподавателя.
err-trainer-unknown = Преподавателем может быть только человек с ролью преподавателя.
err-date-invalid = Укажите правильную дату.
err-date-in-future = Дата не может быть в будущем.
err-time-invalid = Укажите время, например 09:30.
err-idempotency-key-invalid = Заголовок Idempotency-Key должен содержать от 1 до 200 видимых символов.

mail-signup-confirmed-subject = Вы записаны: { $title }
mail-signup-confirmed-body = Здравствуйте, { $name }!

    Ваше место на обучении «{ $title }» подтверждено. Подробности и расписание занятий:

    { $link }
mail-signup-waitlisted-subject = В очереди: { $title }
mail-signup-waitlisted-body = Здравствуйте, { $name }!

    На обучении «{ $title }» мест нет. Вы { $position }-й в очереди; мы сообщим, как только место станет вашим.

    { $link }
mail-signup-pending-subject = Ждёт согласования: { $title }
mail-signup-pending-body = Здравствуйте, { $name }!

    Место на обучении «{ $title }» держится за вами, пока руководитель организации принимает решение.

    { $link }
mail-approval-requested-subject = Запись на согласование: { $learner }
mail-approval-requested-body = Здравствуйте, { $name }!

    { $learner } записался(-ась) на обучение «{ $title }», для которого нужно ваше согласование. Примите решение здесь:

    { $link }
mail-signup-promoted-subject = Место ваше: { $title }
mail-signup-promoted-body = Здравствуйте, { $name }!

    На обучении «{ $title }» освободилось место, и теперь оно ваше.

    { $link }
mail-signup-promoted-pending-subject = Место держится за вами: { $title }
mail-signup-promoted-pending-body = Здравствуйте, { $name }!

    На обучении «{ $title }» освободилось место. Оно держится за вами, пока руководитель принимает решение.

    { $link }
mail-seat-offered-subject = Вам предложено место: { $title }
mail-seat-offered-body = Здравствуйте, { $name }!

    На обучении «{ $title }» освободилось место. Примите его в срок, указанный на странице потока:

    { $link }
mail-signup-removed-subject = Вы исключены: { $title }
mail-signup-removed-body = Здравствуйте, { $name }!

    Вас исключили из списка слушателей обучения «{ $title }». С вопросами обращайтесь к преподавателю.

    { $link }
mail-signup-approved-subject = Согласовано: { $title }
mail-signup-approved-body = Здравствуйте, { $name }!

    Ваша запись на обучение «{ $title }» согласована. { $note }

    { $link }
mail-signup-declined-subject = Не согласовано: { $title }
mail-signup-declined-body = Здравствуйте, { $name }!

    Ваша запись на обучение «{ $title }» не согласована. { $note }

    { $link }
mail-session-cancelled-subject = Отменено: { $title }
mail-session-cancelled-body = Здравствуйте, { $name }!

    К сожалению, поток обучения «{ $title }», на который вы записались, отменён.

    { $link }
mail-training-completed-subject = Обучение завершено: { $title }
mail-training-completed-body = Здравствуйте, { $name }!

    Вы завершили обучение «{ $title }». В ваш учёт повышения квалификации добавлено { $hours } ч.

    { $link }
mail-hold-expired-subject = Бронь истекла: { $title }
mail-hold-expired-body = Здравствуйте, { $name }!

    Место, которое держалось за вами на обучении «{ $title }», освобождено и будет предложено следующему в очереди.

    { $link }
mail-session-reminder-subject = Завтра: { $title }
mail-session-reminder-body = Здравствуйте, { $name }!

    Напоминаем: обучение «{ $title }» начинается { $date }.

    { $link }
online-link-hidden = Онлайн (ссылку видят участники)
notifications-mark-read = Отметить все как прочитанные
err-session-not-over = Нельзя завершить занятие, пока не началась последняя встреча ({ $starts }).
err-meeting-not-begun = Посещаемость можно отметить только для начавшихся встреч; одна из них начинается { $starts }.
err-trainer-not-of-provider = Преподаватель должен иметь роль преподавателя у организатора этой программы.
err-attendance-minutes-out-of-range = { $name }, { $day }: число минут присутствия должно быть от 1 до { $max }; если человек был всё время, выберите «Присутствие».
session-run-title = Проведение занятия
session-action-help-open = Открывает запись в пределах срока записи.
session-action-help-start = Когда начинается первая встреча: после этого можно отмечать посещаемость каждой начавшейся встречи.
session-action-help-finish = После начала последней встречи: завершение определяется по посещаемости, часы засчитываются, выдаются удостоверения. Посещаемость можно исправлять до закрытия.
session-action-help-close = Окончательно закрывает исправление посещаемости.
session-action-help-cancel = Отменяет занятие; все записавшиеся получат уведомление.
session-state-help-planned = Запланировано: запись ещё не открыта.
session-state-help-open = Открыта запись. Начните занятие, когда начнётся первая встреча.
session-state-help-running = Идёт.
session-state-help-finished = Завершено: итоги подведены; посещаемость можно исправлять до закрытия.
session-state-help-closed = Закрыто: данные окончательные.
session-state-help-cancelled = Отменено.
attendance-title = Посещаемость
attendance-meetings = Встречи
attendance-not-begun = ещё не началась
attendance-recorded = отмечена
attendance-due = нужно отметить
attendance-opens-later = Посещаемость этой встречи можно отметить после её начала.
session-you-teach = Вы ведёте это занятие.
teaching-title = Мои занятия как преподавателя
teaching-lead = Ваши занятия: начните их, когда начнётся первая встреча, отмечайте посещаемость после каждой встречи и завершите занятие после последней.
teaching-none = Вы не указаны преподавателем ни одного занятия.
teaching-next = Далее
teaching-attendance-due = { $count ->
        [one] Нужно отметить посещаемость: { $count } встреча
        [few] Нужно отметить посещаемость: { $count } встречи
        [many] Нужно отметить посещаемость: { $count } встреч
       *[other] Нужно отметить посещаемость: { $count } встречи
    }
