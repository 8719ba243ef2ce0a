"""Task pages (evidence downloads are in urls_files.py)."""

from django.urls import path

from . import views

app_name = "tasks"

urlpatterns = [
    path("", views.my_tasks, name="my-tasks"),
    path("board/", views.board, name="board"),
    path("board/assign/", views.bulk_assign, name="bulk-assign"),
    path("new/", views.task_create, name="create"),
    path("awaiting/", views.awaiting, name="awaiting"),
    path("calendar/", views.calendar, name="calendar"),
    path("notifications/", views.notifications, name="notifications"),
    path("notifications/read/", views.notifications_read_all, name="notifications-read-all"),
    path(
        "notifications/<int:notification_id>/read/",
        views.notification_read,
        name="notification-read",
    ),
    path("<int:task_id>/", views.task_detail, name="detail"),
    path("<int:task_id>/edit/", views.task_edit, name="edit"),
    path("<int:task_id>/progress/", views.report_progress, name="progress"),
    path("<int:task_id>/accept/", views.accept, name="accept"),
    path("<int:task_id>/extension/", views.request_extension, name="request-extension"),
    path("<int:task_id>/extension/decide/", views.decide_extension, name="decide-extension"),
    path("<int:task_id>/cancel/", views.cancel, name="cancel"),
]
