from rightsdesk.core.commands import BaseCommand
from rightsdesk.notices.delivery import send_due
from rightsdesk.notices.tasks import enqueue_delivery


class Command(BaseCommand):
    help = ("Release expired legal holds, then attempt every notice delivery that is due (retries included). "
            "Run it every few minutes from cron or a systemd timer; the task worker does the same work as it goes.")

    def handle(self, *args, **options):
        result = send_due(enqueue=enqueue_delivery)
        self.stdout.write(", ".join(f"{k}: {v}" for k, v in sorted(result.items())))
