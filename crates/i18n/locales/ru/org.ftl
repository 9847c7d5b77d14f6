## Дерево организаций.

orgs-title = Организации
org-new-title = Новая организация
org-new-country = Добавить страну
org-new-under = Она будет входить в: { $parent }.
org-create = Создать
org-edit = Изменить
org-children = Входят сюда
org-add-child = Добавить: { $kind }
org-members = Участники
org-names-hint = Укажите название хотя бы на одном языке; каждый увидит его на своём языке, а если его нет — на другом.
