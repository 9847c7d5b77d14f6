## Разметка, навигация и общие слова.

skip-to-content = Перейти к содержанию
nav-main = Главное меню
nav-home = Главная
nav-orgs = Организации
nav-people = Люди
nav-audit = Журнал аудита
nav-outbox = Исходящие письма
nav-login = Войти
nav-logout = Выйти
nav-register = Регистрация
language-switch = Язык
footer-api = Документация API
breadcrumb = Вы здесь

home-title = Главная
home-heading = Повышение квалификации преподавателей и мастеров профессионального обучения
home-lead = Находите программы, записывайтесь, учитесь, получайте удостоверения и следите за часами, которые требует закон, — в одном месте.
home-how-title = Как это работает
home-step-find = Найдите программу в едином каталоге.
home-step-attend = Запишитесь на поток и пройдите обучение.
home-step-certificate = Получите удостоверение, которое может проверить любой.
home-step-hours = Следите, как копятся часы в вашем цикле повышения квалификации.
home-welcome = Добро пожаловать, { $name }
home-demo-hint = Это демонстрационная установка: на странице входа перечислены демонстрационные учётные записи.

form-has-errors = Исправьте, пожалуйста, следующее
save = Сохранить
cancel = Отмена
add = Добавить
remove = Удалить
filter = Найти
choose = — выберите —
all = Все
status = Состояние
created = Создано
actions = Действия
nothing-found = Ничего не найдено.
confirm-sure = Вы уверены?
date-from = С
date-to = По
pager-label = Страницы
pager-prev = Назад
pager-next = Далее
pager-position = Страница { $page }
people-count = { $count ->
    [one] { $count } человек
    [few] { $count } человека
    [many] { $count } человек
   *[other] { $count } человека
}
entries-count = { $count ->
    [one] { $count } запись
    [few] { $count } записи
    [many] { $count } записей
   *[other] { $count } записи
}
messages-count = { $count ->
    [one] { $count } письмо
    [few] { $count } письма
    [many] { $count } писем
   *[other] { $count } письма
}

field-name = Имя
field-email = Адрес электронной почты
field-password = Пароль
field-new-password = Новый пароль
field-current-password = Текущий пароль
field-password-again = Новый пароль ещё раз
field-initial-password = Начальный пароль
field-language = Язык
field-category = Я…
field-organisation = Организация
field-role = Роль
field-kind = Тип
field-code = Код
field-org-name = Название
field-token-name = Название токена
field-valid-days = Срок действия (дней)
password-hint = Не менее 8 символов. Лучше всего длинная фраза; слишком распространённые пароли не принимаются.
code-hint = Латинские буквы, цифры, дефисы и точки, например RU-TA-017.

role-learner = Слушатель
role-institution-head = Руководитель организации
role-trainer = Преподаватель курса
role-provider = Разработчик программ
role-quality-reviewer = Эксперт по качеству
role-regional-coordinator = Региональный координатор
role-expert-registry-keeper = Ведущий реестра экспертов
role-administrator = Администратор
scope-platform = вся платформа

category-instructor = Преподаватель или мастер
category-institution-leader = Руководитель образовательной организации
category-trainer = Тренер
category-student = Студент
category-pupil = Школьник
category-company-employee = Сотрудник предприятия
category-job-seeker = Ищу работу
category-pensioner = Пенсионер

org-kind-country = Страна
org-kind-region = Регион
org-kind-cluster = Кластер
org-kind-institution = Образовательная организация
org-kind-provider = Организатор обучения
org-kind-employer = Работодатель
nav-menu = Меню
nav-certificates = Мои удостоверения
nav-teaching = Мои занятия
nav-staff-compliance = Повышение квалификации сотрудников
home-invitations-open = Посмотреть приглашения
home-approvals-open = Рассмотреть
home-applications-open = Посмотреть заявки
home-teaching-all = Все мои занятия
home-hours-title = Ваши часы в текущем цикле
home-hours-done = Пройдено { $done } ч
home-hours-deadline = срок: { $deadline }
home-cycle-since = Цикл начался { $start }; часы прошлых циклов есть в вашем журнале часов.
home-hours-more = Что засчитывается и чего ещё не хватает
home-next-title = Ваши ближайшие занятия
home-next-none = У вас нет мест на предстоящих занятиях. Найдите занятие в каталоге.
home-suggestions-title = Занятия, закрывающие ваши пробелы
home-staff-lead = Узнайте, кто идёт по плану, кто в зоне риска или просрочил и кому сколько часов не хватает.
home-staff-open = Открыть обзор сотрудников
home-drafts-open = Мои программы
home-programme-new = Создать программу
home-reviews-open = Рассмотреть
home-admin-title = Администрирование
home-invitations = { $count ->
        [one] Вас приглашают в { $count } организацию.
        [few] Вас приглашают в { $count } организации.
        [many] Вас приглашают в { $count } организаций.
       *[other] Вас приглашают в { $count } организации.
    }
home-approvals = { $count ->
        [one] { $count } заявка ждёт вашего одобрения.
        [few] { $count } заявки ждут вашего одобрения.
        [many] { $count } заявок ждут вашего одобрения.
       *[other] { $count } заявки ждут вашего одобрения.
    }
home-applications = { $count ->
        [one] { $count } человек просит принять его в коллектив.
        [few] { $count } человека просят принять их в коллектив.
        [many] { $count } человек просят принять их в коллектив.
       *[other] { $count } человека просят принять их в коллектив.
    }
home-drafts = { $count ->
        [one] У { $count } программы есть черновик, который нужно закончить.
        [few] У { $count } программ есть черновики, которые нужно закончить.
        [many] У { $count } программ есть черновики, которые нужно закончить.
       *[other] У { $count } программ есть черновики, которые нужно закончить.
    }
home-reviews = { $count ->
        [one] { $count } версия ждёт вашей проверки.
        [few] { $count } версии ждут вашей проверки.
        [many] { $count } версий ждут вашей проверки.
       *[other] { $count } версии ждут вашей проверки.
    }
home-hours-needed = Из { $total } ч, требуемых в цикле, не хватает ещё { $needed } ч.
home-hours-met = Требуемые в цикле { $total } ч пройдены.
