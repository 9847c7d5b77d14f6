## Каталог: поиск, программы, экспертиза, рамки компетенций, выпуски.

nav-catalogue = Каталог
nav-mine = Мои программы
nav-reviews = Экспертиза
catalogue-title = Каталог программ
catalogue-search-label = Поиск программ
catalogue-search = Найти
catalogue-filters = Фильтры
catalogue-clear = Сбросить все фильтры
catalogue-sort = Сортировка
catalogue-sessions = Потоки
catalogue-free-seats = Есть свободные места
catalogue-starts-from = Начало не раньше
catalogue-starts-to = Начало не позже
catalogue-nothing = Подходящих программ нет. Попробуйте меньше слов или фильтров.
sort-relevance = По соответствию
sort-title = По названию
sort-newest = Сначала новые
sort-hours = Сначала короткие
sort-hours-desc = Сначала длинные
hours-min = Не меньше
hours-max = Не больше
badge-new = Новое
programmes-count = { $count ->
    [one] { $count } программа
    [few] { $count } программы
    [many] { $count } программ
   *[other] { $count } программы
}
hours-count = { $count ->
    [one] { $count } час
    [few] { $count } часа
    [many] { $count } часов
   *[other] { $count } часа
}
days-count = { $count ->
    [one] { $count } день
    [few] { $count } дня
    [many] { $count } дней
   *[other] { $count } дня
}

field-title = Название
field-description = Описание
field-outcomes = Результаты обучения
field-prerequisites = Требования к слушателям
field-hours = Часы
field-format = Форма обучения
field-delivery-language = Язык обучения
field-categories = Для кого
field-competences = Компетенции
field-area = Область компетенций
field-region = Регион
field-regions = Где проводится
field-provider = Организатор
field-follow-up = Период сопровождения (дней)
field-attendance-pct = Посещаемость для завершения (%)
field-licence = Лицензия материалов
field-version = Версия
field-notes = Примечания
field-release-name = Название выпуска
follow-up-hint = Не менее 30 дней: пространство сопровождения остаётся открытым столько после обучения.
assessment-required = Для завершения нужна успешная итоговая аттестация
programme-langs-hint = Укажите название хотя бы на одном языке; остальные добавьте, если можете.
programme-details = Подробности

format-in-person = Очно
format-online-live = Онлайн в реальном времени
format-blended = Смешанное обучение
format-self-paced = В своём темпе
licence-educational-attribution = Использование в образовании со ссылкой на источник
licence-written-permission = Электронное использование только с письменного разрешения
licence-cc-by = Creative Commons «Атрибуция»
licence-cc-by-sa = Creative Commons «Атрибуция — На тех же условиях»
licence-cc-by-nc = Creative Commons «Атрибуция — Некоммерческое использование»
licence-all-rights-reserved = Все права защищены
version-state-draft = Черновик
version-state-submitted = На экспертизе
version-state-approved = Одобрено
version-state-published = Опубликовано
version-state-superseded = Заменено
version-state-retired = Снято

programme-new-title = Новая программа
programme-edit-title = Изменение программы
programme-retired = Эта программа снята и больше не предлагается.
programme-actions = Действия
programme-edit = Изменить
programme-submit = Отправить на экспертизу
programme-approve = Одобрить
programme-return = Вернуть с замечаниями
programme-publish = Опубликовать
programme-retire = Снять
pending-version = Версия { $version }
review-comment = Замечания эксперта
review-comment-required = Замечания (обязательны при возврате)
versions-title = Версии
updated = Изменено
mine-title = Мои программы
mine-lead = Программы организаций, для которых вы их готовите, с последней версией.
reviews-title = Программы на экспертизу
reviews-lead = Версии, отправленные на экспертизу качества. Свою работу оценивать нельзя.

frameworks-title = Рамки компетенций
frameworks-lead = Рамки, с которыми связаны программы. Выберите компетенцию, чтобы увидеть её программы.
import-title = Импорт рамки компетенций
import-lead = Загрузите файл CSV или вставьте его текст. Первая строка — заголовок; затем строка рамки, её области и компетенции, каждая с кодом своей области:
import-file = Файл CSV
import-paste = Или вставьте CSV сюда
import-submit = Импортировать

releases-title = Выпуски каталога
releases-new-since = Новое с последнего выпуска
releases-all = Все выпуски
release-new-title = Опубликовать выпуск
release-new-lead = Опубликуйте одобренные версии вместе, под одним названием.
release-name-hint = Например: каталог весна 2027
release-versions = Одобренные версии для публикации
release-none-approved = Одобренных версий, ждущих публикации, нет.
release-publish = Опубликовать выпуск

notice-programme-created = Программа сохранена как черновик.
notice-programme-submit = Программа отправлена на экспертизу.
notice-programme-approve = Программа одобрена.
notice-programme-return = Программа возвращена организатору.
notice-programme-publish = Программа опубликована.
notice-programme-retire = Программа снята.
notice-framework-imported = Рамка компетенций импортирована.

err-title-required-any-language = Укажите название хотя бы на одном языке.
err-format-required = Выберите форму обучения.
err-format-unknown = Выберите одну из предложенных форм.
err-categories-required = Укажите, для кого программа.
err-licence-required = Выберите лицензию.
err-licence-unknown = Выберите одну из предложенных лицензий.
err-competence-unknown = Компетенции { $code } нет.
err-area-unknown = Области компетенций { $code } нет.
err-region-unknown = Выберите регионы из списка.
err-provider-unknown = Выберите организатора.
err-transition-not-allowed = Сейчас это сделать нельзя: состояние — { $state }.
err-version-in-review = Программа на экспертизе; изменить её можно после экспертизы.
err-programme-retired = Программа снята.
err-review-own-work = Нельзя оценивать версию, которую вы написали сами.
err-comment-required = Напишите замечания.
err-sort-unknown = Выберите один из предложенных порядков.
err-date-range-invalid = Конец должен быть позже начала.
err-release-empty = Выберите хотя бы одну версию.
err-version-unknown = Такой версии нет.
err-framework-exists = Рамка с кодом { $code } уже есть.
err-csv-header = Первая строка должна быть такой: { $expected }
err-csv-unreadable = Эту строку не удалось прочитать.
err-csv-columns = В этой строке { $found } столбцов; нужно { $expected }.
err-csv-kind = «{ $kind }» — не тип: используйте framework, area или competence.
err-csv-empty = В файле нет строк.
err-csv-framework-first = Рамка должна быть в первой строке, и только один раз.
err-csv-duplicate-code = Код { $code } встречается дважды.
err-csv-area-unknown = В этом файле нет области { $area }.
